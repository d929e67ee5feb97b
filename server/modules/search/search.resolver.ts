import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Node } from '../../common/base.entity';
import type { RequestContext } from '../../context';
import { recordOf, search } from './search.service';
import { MAX_SEARCH_QUERY_LENGTH, SearchArgs, SearchConnection, SearchHit } from './search.types';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => SearchConnection, {
    description: `Full-text search across organisations, cities (with their other names), countries (names, codes and labels), conferences (year, motto, description), workshops, themes, topics, people and projects, best match first: "Firenze" finds Florence, the city and the member organisation. Case, accents and a few typos do not matter ("zurich", "Ljublana"), the last word may be the start of a word ("Hamb"), and the whole of a name outranks the same word in a motto. The query has 1 to ${MAX_SEARCH_QUERY_LENGTH} characters with at least one letter or digit; anything else is BAD_USER_INPUT.`,
  })
  search(@Args(() => SearchArgs) args: SearchArgs, @Ctx() ctx: RequestContext) {
    return search(ctx, args);
  }

  @FieldResolver(() => Node, { description: 'The record itself, as its own type (Organisation, City, …).' })
  record(@Root() hit: SearchHit, @Ctx() ctx: RequestContext) {
    return recordOf(ctx, hit);
  }
}
