import { raw, type FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/postgresql';
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
      // The host city's country comes with each row (a join), so that grouping needs no second statement.
      const found: Array<Record<string, unknown>> = await ctx.rows
        .query(Conference, where)
        .join('e.hostCity', 'host')
        .andWhere({ 'host.country': { $in: countryIds } } as QBFilterQuery<Conference>)
        .addSelect(raw('"host"."country_id" as "host_country_id"'))
        .orderBy(orderByFor<Conference>(order))
        .execute('all', false);
      const conferences = ctx.rows.materialise(Conference, found);
      return groupBy(
        conferences.map((conference, index) => ({ conference, countryId: found[index].host_country_id as number })),
        (row) => row.countryId,
        (row) => row.conference,
      );
    },
  );
  return ctx.loaders.connection(ConferenceConnection, loader, countryId, order, args);
}
