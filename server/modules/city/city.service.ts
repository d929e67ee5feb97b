import type { EntityManager } from '@mikro-orm/postgresql';
import { escapeLike } from '../../common/filters';
import { City, CityAlias } from './city.entity';

/**
 * One city is one record however it is spelled: a name is looked up among English names first, then among
 * alternative names ("Firenze" → Florence, "Zürich" → Zurich), ignoring case.
 */
export async function findCityByName(em: EntityManager, name: string): Promise<City | null> {
  const wanted = name.trim();
  const byName = await em.findOne(City, { name: { $ilike: escapeLike(wanted) } });
  if (byName) return byName;
  const alias = await em.findOne(CityAlias, { name: { $ilike: escapeLike(wanted) } }, { populate: ['city'] });
  return alias ? alias.city.getEntity() : null;
}
