import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { rootConnection } from '../../common/connection-resolvers';
import { BY_FILE_NAME, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { Source } from './source.entity';
import { SourceConnection, SourceListArgs, sourceWhere } from './source.inputs';

/** Source documents, and (see source.backlinks.ts) from each the records taken from it. */
@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, {
    description: 'The documents the dataset was taken from, by file name unless ordered otherwise.',
  })
  sources(@Args(() => SourceListArgs) args: InstanceType<typeof SourceListArgs>, @Ctx() ctx: RequestContext) {
    return rootConnection(
      ctx,
      SourceConnection,
      Source,
      sourceWhere(args.filter),
      orderSpec(args.orderBy, BY_FILE_NAME),
      args,
    );
  }

  @Query(() => Source, { nullable: true, description: 'The source document with this file name; null if none.' })
  source(
    @Arg('fileName', { description: 'e.g. "supplementary.md".' }) fileName: string,
    @Ctx() { rows }: RequestContext,
  ) {
    return rows.findOne(Source, { fileName: fileName.trim() });
  }
}
