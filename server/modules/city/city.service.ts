import type { FilterQuery } from '@mikro-orm/core';
import { escapeLike } from '../../common/filters';
import { City, CityAlias } from './city.entity';

/**
 * One city is one record however it is spelled: a name is looked up among English names first, then among
 * alternative names ("Firenze" → Florence, "Zürich" → Zurich), ignoring case.
 */
export async function findCityByName(finder: RecordFinder, name: string): Promise<City | null> {
  const wanted = name.trim();
  const byName = await finder.findOne(City, { name: { $ilike: escapeLike(wanted) } });
  if (byName) return byName;
  const alias = await finder.findOne(CityAlias, { name: { $ilike: escapeLike(wanted) } });
  return alias ? finder.findOne(City, { id: alias.city.id }) : null;
}

/**
 * What the lookup needs: the EntityManager (a mutation, which then changes the entity it found) and the read
 * path's RowReader both answer it.
 */
interface RecordFinder {
  findOne<T extends object>(entity: new () => T, where: FilterQuery<T>): Promise<T | null>;
}
