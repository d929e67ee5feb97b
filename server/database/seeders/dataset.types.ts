import type { ConferenceFormat, ConferenceStatus } from '../../modules/conference/conference.entity';
import type { OrganisationKind } from '../../modules/organisation/organisation.entity';
import type { PartnershipKind } from '../../modules/partnership/partnership.entity';
import type { ParticipationRole, ProjectKind } from '../../modules/project/project.entity';
import type { SourceKind } from '../../modules/source/source.entity';
import type { TopicKind } from '../../modules/theme/theme.entity';

/**
 * The shape of the seed dataset. Records refer to each other by natural key (country code, city slug,
 * organisation slug, conference year, theme slug), and every record names the source document it came from.
 */

export type SourceKey = 'site' | 'encyclopaedia' | 'supplementary';

export interface SourceSeed {
  fileName: string;
  title: string;
  kind: SourceKind;
  rank: number;
  description: string;
}

export interface CountrySeed {
  code: string;
  alpha3: string;
  name: string;
  sourceLabel: string | null;
  inEurope: boolean;
  source: SourceKey;
}

export interface CitySeed {
  slug: string;
  name: string;
  country: string;
  source: SourceKey;
  aliases?: Array<{ name: string; language: string; source: SourceKey }>;
}

export interface OrganisationSeed {
  slug: string;
  name: string;
  kind: OrganisationKind;
  country: string;
  city?: string;
  description?: string;
  source: SourceKey;
  membership?: { listedAs: string; listedUnder: string; note?: string; source: SourceKey };
}

export interface PartnershipSeed {
  organisation: string;
  kind: PartnershipKind;
  conference?: number;
  description: string;
  source: SourceKey;
}

export interface ThemeSeed {
  slug: string;
  name: string;
  description: string;
  source: SourceKey;
}

export interface TopicSeed {
  wording: string;
  theme: string;
  details?: string;
}

export interface ConferenceSeed {
  year: number;
  title?: string;
  description?: string;
  hostCity?: string;
  hostOrganisation?: string;
  venue?: string;
  startDate?: string;
  endDate?: string;
  status: ConferenceStatus;
  format: ConferenceFormat;
  attendance?: {
    participants?: number;
    approximate?: boolean;
    wording?: string;
    countriesRepresented?: number;
    citiesRepresented?: number;
    origin?: string;
  };
  languages?: string[];
  translationLanguages?: string[];
  registration?: { open?: boolean; free?: boolean };
  publications?: { programme?: boolean; handouts?: boolean; videos?: boolean };
  topicKind?: TopicKind;
  topics: TopicSeed[];
  source: SourceKey;
}

export interface WorkshopSeed {
  slug: string;
  title: string;
  theme: string;
  source: SourceKey;
}

export interface PersonSeed {
  slug: string;
  name: string;
  roles: string[];
  source: SourceKey;
}

export interface ProjectSeed {
  slug: string;
  name: string;
  kind: ProjectKind;
  description: string;
  associationRole?: string;
  presentedAt?: string;
  participants?: Array<{ organisation: string; role: ParticipationRole }>;
  source: SourceKey;
}

export interface AssociationSeed {
  name: string;
  shortName: string;
  otherNames: string[];
  foundedYear: number;
  foundingInitiative: string;
  seat: string;
  organisationType: string;
  regionServed: string;
  language: string;
  keyPeople: string;
  statedMemberCities: number;
  statedMemberCountries: number;
  description: string;
  mission: string;
  objective: string;
  means: string[];
  membershipDescription: string;
  conferenceDescription: string;
  workshopDescription: string;
  sponsorDescription: string;
  newsletterDescription: string;
  euProgrammesDescription: string;
  source: SourceKey;
}

export interface Dataset {
  sources: Record<SourceKey, SourceSeed>;
  countries: CountrySeed[];
  cities: CitySeed[];
  association: AssociationSeed;
  people: PersonSeed[];
  organisations: OrganisationSeed[];
  partnerships: PartnershipSeed[];
  themes: ThemeSeed[];
  conferences: ConferenceSeed[];
  workshops: WorkshopSeed[];
  projects: ProjectSeed[];
}
