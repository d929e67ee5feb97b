import type { RequestContext } from '../../context';
import { ENTITY_OF_KIND, type RecordRef } from './graph-records';

/**
 * The record a node of the graph or of a path stands for, read through the request's batched `byId` loader: one
 * statement per kind of record in the answer, however many records of that kind it holds, and none for a kind whose
 * records the query asks only the ids of.
 */
export async function recordOf(ctx: RequestContext, ref: RecordRef): Promise<object> {
  const record = await ctx.loaders.stored(ENTITY_OF_KIND[ref.kind], ref.id);
  // The graph's SQL and the record's read are two statements: a record deleted in between is gone.
  if (!record) throw new Error(`The ${ref.kind} ${ref.id} of the graph no longer exists.`);
  return record;
}
