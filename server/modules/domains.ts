import type { Domain, ProtectedType, ProvenanceLink } from './domain';
import { accessDomain } from './access/access.domain';
import { associationDomain } from './association/association.domain';
import { cityDomain } from './city/city.domain';
import { conferenceDomain } from './conference/conference.domain';
import { countryDomain } from './country/country.domain';
import { networkDomain } from './network/network.domain';
import { organisationDomain } from './organisation/organisation.domain';
import { partnershipDomain } from './partnership/partnership.domain';
import { personDomain } from './person/person.domain';
import { projectDomain } from './project/project.domain';
import { searchDomain } from './search/search.domain';
import { sourceDomain } from './source/source.domain';
import { themeDomain } from './theme/theme.domain';
import { workshopDomain } from './workshop/workshop.domain';

/**
 * The one hand-kept list of domains. Each says what it contributes in its `<domain>.domain.ts`; everything else
 * is read from here. The order is the seeder's: a domain's records may refer to those of the domains before it.
 */
export const domains: readonly Domain[] = [
  sourceDomain,
  countryDomain,
  cityDomain,
  organisationDomain,
  associationDomain,
  personDomain,
  themeDomain,
  conferenceDomain,
  workshopDomain,
  partnershipDomain,
  projectDomain,
  accessDomain,
  searchDomain,
  networkDomain,
];

/** Every persisted class (entities and embeddables), for the ORM. */
export const entities = domains.flatMap((domain) => domain.entities);

/** Every domain's resolvers, for the schema. */
export const domainResolvers = domains.flatMap((domain) => domain.resolvers);

/** `Source`'s back-links to the records taken from it, one per provenanced kind. */
export const provenanceLinks: ProvenanceLink[] = domains.flatMap((domain) => domain.provenance ?? []);

/** The seeder's steps, in order. */
export const seedSteps = domains.flatMap((domain) => (domain.seed ? [domain.seed] : []));

/** The types only some callers may read (see access/access.guard.ts). */
export const protectedTypes: ProtectedType[] = domains.flatMap((domain) => domain.protectedTypes ?? []);
