import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Node } from '../../common/base.entity';
import { BadUserInputError } from '../../common/errors';
import { decodeGlobalId } from '../../common/global-id';
import { requireReadAccess } from '../access/access.guard';
import type { RequestContext } from '../../context';
import { entities } from '../domains';

const MAX_NODES = 100;

/** Entity classes by GraphQL type name: every entity is a Node, named after its class. */
const nodeTypes = new Map(
  entities
    .filter((type) => type.prototype instanceof Node)
    .map((type) => [type.name, type as unknown as new () => Node]),
);

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null if it does not exist.' })
  node(
    @Arg('id', () => ID, { description: 'A global ID, as any `id` field returns it.' }) id: string,
    @Ctx() ctx: RequestContext,
  ) {
    return this.load(decodeGlobalId(id, ['id']), ctx);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by their global IDs (at most ${MAX_NODES}), in the same order; null for each that does not exist.`,
  })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs.' }) ids: string[], @Ctx() ctx: RequestContext) {
    if (ids.length > MAX_NODES) {
      throw new BadUserInputError(`\`ids\` may hold at most ${MAX_NODES} IDs (got ${ids.length}).`, ['ids']);
    }
    const decoded = ids.map((id, index) => decodeGlobalId(id, ['ids', index]));
    // One promise per item, not Promise.all: an id refused in `load` is an error at its own index (`nodes.1`),
    // as a record refused by the type guard is, and the other items are still answered.
    return decoded.map((globalId) => this.load(globalId, ctx));
  }

  private async load({ typeName, id }: { typeName: string; id: number }, ctx: RequestContext) {
    const type = nodeTypes.get(typeName);
    // An ID of a type we do not have is well-formed but names nothing: like an unknown row, it resolves to null.
    if (!type) return null;
    const record = await ctx.loaders.byId(type).load(id);
    // A record of a protected type is refused by the type guard (modules/access/access.guard.ts) wherever it is
    // answered. A missing one must be refused alike: a null would tell a caller without the role which ids exist.
    if (!record) await requireReadAccess(ctx, type);
    return record;
  }
}
