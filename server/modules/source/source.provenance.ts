import { ManyToOne, type Ref } from '@mikro-orm/core';
import { Ctx, FieldResolver, ObjectType, Resolver, Root, type ClassType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity';
import type { RequestContext } from '../../context';
import { Source } from './source.entity';

/**
 * A record that says where it came from. Seeded records point at the source document (by file name); records
 * created later through the API have no source document.
 */
@ObjectType()
export abstract class ProvenancedEntity extends BaseEntity {
  @ManyToOne({ entity: 'Source', nullable: true, ref: true, deleteRule: 'restrict' })
  source?: Ref<Source> | null;
}

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
    source(@Root() record: T, @Ctx() { loaders }: RequestContext): Promise<Source | null> | null {
      return loaders.reference(Source, record.source);
    }
  }
  return ProvenanceResolver;
}
