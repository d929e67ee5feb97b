import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { childConnection } from '../../common/connection-resolvers';
import type { ListArgsShape } from '../../common/list-args';
import { orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import type { ProvenanceLink } from '../domain';
import { Source } from './source.entity';

/**
 * `Source.<field>` for every provenanced kind: the records taken from a document, navigated the other way. The
 * fields come from the domains' `provenance` declarations, so that a new kind cannot be left without one; each
 * is the same batched child connection on the records' `source` column.
 */
export function sourceBackLinksResolver(links: readonly ProvenanceLink[]): Function {
  @Resolver(() => Source)
  class SourceBackLinksResolver {}

  const prototype = SourceBackLinksResolver.prototype as unknown as Record<string, unknown>;
  for (const link of links) {
    prototype[link.field] = (source: Source, args: ListArgsShape<object, string>, ctx: RequestContext) =>
      childConnection(
        ctx,
        link.connection,
        link.entity,
        'source',
        source.id,
        link.where(args.filter),
        orderSpec(args.orderBy, link.defaultOrder),
        args,
      );
    // What TypeScript's decorator metadata would say of a hand-written method: type-graphql reads it.
    Reflect.defineMetadata('design:paramtypes', [Source, link.listArgs, Object], prototype, link.field);
    Reflect.defineMetadata('design:returntype', Promise, prototype, link.field);
    Root()(prototype, link.field, 0);
    Args(() => link.listArgs)(prototype, link.field, 1);
    Ctx()(prototype, link.field, 2);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, link.field)!;
    FieldResolver(() => link.connection, { description: link.description })(prototype, link.field, descriptor);
  }
  return SourceBackLinksResolver;
}
