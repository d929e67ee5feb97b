import type { Domain } from '../domain';
import { GraphNodeResolver, GraphResolver, PathStepResolver, PathsResolver } from './network.resolver';

/**
 * The relationship graph over the records (the `relationship` and `related_record` views) and the shortest
 * paths through it, computed in SQL; it owns no tables of its own.
 */
export const networkDomain: Domain = {
  name: 'network',
  entities: [],
  resolvers: [GraphResolver, GraphNodeResolver, PathsResolver, PathStepResolver],
};
