import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { ClassType } from 'type-graphql';
import type { BaseEntity } from '../common/base.entity';
import type { Role } from './access/access.entity';
import type { ConnectionClass } from '../common/connection';
import type { ListArgsShape } from '../common/list-args';
import type { OrderSpec } from '../common/pagination';
import type { ProvenancedEntity } from './source/source.provenance';
import type { Seeding } from '../database/seeders/seeding';

/**
 * What one domain (`server/modules/<domain>/`) contributes, said in one place, its `<domain>.domain.ts`. The list
 * of domains in `domains.ts` is the only hand-kept registry: the ORM's entities, the schema's resolvers, the
 * `node(id:)` types, the provenance back-links from `Source` and the seeder's steps are all read from it.
 */
export interface Domain {
  name: string;
  /** Persisted classes: entities and the embeddables they hold. */
  entities: EntityClass<object>[];
  /** type-graphql resolvers: queries, field resolvers, mutations. */
  resolvers: Function[];
  /** Loads this domain's part of the dataset; steps run in the order of the domain list. */
  seed?: (seeding: Seeding) => Promise<void>;
  /** How `Source` lists the records of each provenanced kind of this domain that were taken from it. */
  provenance?: ProvenanceLink[];
  /**
   * Types only callers with one of `roles` may read, by whichever field reaches them (their own lists,
   * `node`/`nodes`, relations, mutation answers, any field added later): access.guard.ts puts the rule on the
   * types themselves, and tests/writes/authorization.test.ts tries every field of the schema that can reach one.
   */
  protectedTypes?: ProtectedType[];
}

export interface ProtectedType {
  type: ClassType<BaseEntity>;
  roles: readonly Role[];
}

/** `Source.<field>`: the records of one kind taken from a document, as a filtered, ordered connection. */
export interface ProvenanceLink<T extends ProvenancedEntity = ProvenancedEntity, F extends object = object> {
  field: string;
  description: string;
  entity: EntityClass<T>;
  connection: ConnectionClass<T>;
  listArgs: ClassType<ListArgsShape<F, string>>;
  where: (filter: F | null | undefined) => FilterQuery<T>;
  defaultOrder: OrderSpec;
}

/** Typed at each declaration (the link's entity, filter and connection agree), stored untyped in the list. */
export function provenanceLink<T extends ProvenancedEntity, F extends object>(
  link: ProvenanceLink<T, F>,
): ProvenanceLink {
  return link as unknown as ProvenanceLink;
}
