import type { FilterQuery } from '@mikro-orm/core';
import type { ConnectionShape } from '../../common/connection';
import { groupBy, loaderKey } from '../../common/loaders';
import type { ListArgsShape } from '../../common/list-args';
import { BY_YEAR, orderByFor, orderSpec } from '../../common/ordering';
import type { RequestContext } from '../../context';
import { Conference } from './conference.entity';
import { ConferenceConnection, conferenceWhere, type ConferenceFilter } from './conference.inputs';


type ConferenceListArgs = ListArgsShape<ConferenceFilter, 'year'>;

/** Conferences hosted in each of many countries (through their host city), batched. */
export async function conferencesHostedInCountries(
  ctx: RequestContext,
  countryId: number,
  args: ConferenceListArgs,
): Promise<ConnectionShape<Conference>> {
  const order = orderSpec(args.orderBy, BY_YEAR);
  const where = conferenceWhere(args.filter) as FilterQuery<Conference>;
  const loader = ctx.loaders.group<Conference>(
    loaderKey('Conference.hostCity.country', order, where),
    async (countryIds) => {
      const conferences = await ctx.em.find(
        Conference,
        { $and: [{ hostCity: { country: { $in: countryIds } } }, where] },
        { populate: ['hostCity'], orderBy: orderByFor<Conference>(order) },
      );
      return groupBy(conferences, (conference) => conference.hostCity!.getEntity().country.id);
    },
  );
  return ctx.loaders.connection(ConferenceConnection, loader, countryId, order, args);
}
