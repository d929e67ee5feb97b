import type { Domain } from '../domain';
import { SearchResolver } from './search.resolver';

/**
 * Full-text search over every public kind of record. It owns no entities: its documents are a table the search
 * migration keeps current with triggers, read with hand-written SQL (search.service.ts).
 */
export const searchDomain: Domain = {
  name: 'search',
  entities: [],
  resolvers: [SearchResolver],
};
