import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Source } from './source.entity';
import type { ProvenancedEntity } from '../../common/base.entity';

/**
 * Fields every provenanced type shares. Each type's resolver extends the class this returns, so that the
 * `source` field is written once.
 */
export function provenanceResolverFor<T extends ProvenancedEntity>(type: ClassType<T>) {
  @Resolver(() => type)
  abstract class ProvenanceResolver {
    @FieldResolver(() => Source, {
      nullable: true,
      description: 'The source document this record was taken from; null for records created through the API.',
    })
    source(@Root() record: T, @Ctx() { loaders }: RequestContext): Promise<Source | null> {
      return loaders.reference(Source, record.source);
    }
  }
  return ProvenanceResolver;
}
