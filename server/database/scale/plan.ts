import { EVENT_YEARS } from '../../common/validation';
import { Random, ZipfPicker } from './random';
import {
  COMPANY_BRAND_PARTS,
  COMPANY_FORMS,
  CONFERENCE_TITLES,
  COUNTRIES,
  COUNTRY_WEIGHT_ORDER,
  OFFICE_TITLES,
  PERSON_NAMES,
  PLACE_PARTS,
  PROJECT_PARTS,
  TALK_TEMPLATES,
  THEME_AREAS,
  THEMES,
  TOPIC_TEMPLATES,
  VENUES,
  WORKSHOP_TEMPLATES,
  languageOf,
  type LanguageFamily,
} from './vocabulary';

/**
 * The generator: from the records already in the database (the seed dataset) and a factor and seed, the rows
 * to add, table by table, in an order in which every reference points at a row written before it. Pure and
 * synchronous: the same baseline, factor and seed give the same plan, whatever the machine.
 *
 * Rows refer to each other by `GeneratedRef` (a table and a row's position in it); the writer turns those into
 * the ids it takes from the tables' sequences. Every rule the API enforces on these records holds here too: an
 * organisation's city is in its country; a conference's dates fall in its year (1982-2100), the last day not before
 * the first; a talk's topic is one of its conference's; slugs are unique and lower-case words joined by hyphens.
 */

/** The tables the generator writes, in the order it writes them. */
export const SCALE_TABLES = [
  'country',
  'city',
  'city_alias',
  'theme',
  'organisation',
  'membership',
  'person',
  'association_role',
  'conference',
  'workshop',
  'topic',
  'talk',
  'partnership',
  'project',
  'project_participation',
] as const;
export type ScaleTable = (typeof SCALE_TABLES)[number];

/** A reference to a generated row: its table and its position among that table's generated rows. */
export class GeneratedRef {
  constructor(
    readonly table: ScaleTable,
    readonly index: number,
  ) {}
}

/** A column value: a plain value, a reference to a generated row, or (as a seeded row's id) a number. */
export type Cell = string | number | boolean | null | GeneratedRef;

export interface TableRows {
  table: ScaleTable;
  /** The columns the generator fills; the writer adds id, source_id, created_at and updated_at. */
  columns: readonly string[];
  rows: Cell[][];
}

export interface ScalePlan {
  tables: TableRows[];
  counts: Record<ScaleTable, number>;
}

/** The records of the seed dataset the generated ones refer to or must not collide with. */
export interface Baseline {
  countries: Array<{ id: number; code: string; alpha3: string; name: string }>;
  cities: Array<{ id: number; countryId: number; name: string; slug: string }>;
  cityAliasNames: string[];
  organisations: Array<{
    id: number;
    countryId: number;
    cityId: number | null;
    kind: string;
    name: string;
    slug: string;
  }>;
  themes: Array<{ id: number; name: string; slug: string }>;
  conferences: Array<{
    id: number;
    year: number;
    status: string;
    participants: number | null;
    hostCityId: number | null;
  }>;
  conferenceTopics: Array<{ id: number; conferenceId: number; themeId: number }>;
  people: Array<{ id: number; slug: string }>;
  workshopSlugs: string[];
  projectSlugs: string[];
}

/** The largest factor: at ×1000 the plan holds about 400,000 rows. */
export const MAX_FACTOR = 1000;

/** Conferences up to this year are reported as held, later ones as planned (fixed, so plans do not age). */
const LAST_HELD_YEAR = 2025;

/** Rows per ×1 of each kind whose number the factor sets directly; the others follow from these. */
const PER_FACTOR = {
  country: 0.05,
  city: 20,
  theme: 0.1,
  organisation: 30,
  person: 100,
  associationRole: 0.3,
  conference: 0.1,
  workshop: 3,
  talk: 100,
  partnership: 2,
  project: 1,
} as const;

export function planScale(baseline: Baseline, factor: number, seed: number): ScalePlan {
  return new Generator(baseline, factor, seed).plan();
}

interface CountryModel {
  ref: Cell;
  code: string;
  alpha3: string;
  name: string;
  family: LanguageFamily;
  language: string;
}

interface CityModel {
  ref: Cell;
  country: CountryModel;
  name: string;
}

interface OrganisationModel {
  ref: Cell;
  country: CountryModel;
  city: CityModel | null;
  kind: OrganisationKind;
  name: string;
}

interface ThemeModel {
  ref: Cell;
  name: string;
}

interface ConferenceModel {
  ref: Cell;
  year: number;
  held: boolean;
  weight: number;
  hostCity: CityModel | null;
  topics: Array<{ ref: Cell; theme: ThemeModel }>;
  generated: boolean;
}

interface PersonModel {
  ref: Cell;
  organisation: OrganisationModel | null;
}

type OrganisationKind =
  | 'CITY'
  | 'CITY_COUNCIL'
  | 'COUNTY'
  | 'METROPOLITAN_AUTHORITY'
  | 'AGENCY'
  | 'ASSOCIATION'
  | 'CONSORTIUM'
  | 'UNIVERSITY'
  | 'RESEARCH_CENTRE'
  | 'COMPANY';

const ORGANISATION_KINDS: ReadonlyArray<readonly [OrganisationKind, number]> = [
  ['CITY', 30],
  ['CITY_COUNCIL', 8],
  ['COUNTY', 6],
  ['METROPOLITAN_AUTHORITY', 3],
  ['AGENCY', 8],
  ['ASSOCIATION', 6],
  ['CONSORTIUM', 4],
  ['UNIVERSITY', 12],
  ['RESEARCH_CENTRE', 6],
  ['COMPANY', 17],
];

/** How likely an organisation of each kind is to be a member. */
const MEMBERSHIP_CHANCE: Record<OrganisationKind, number> = {
  CITY: 0.9,
  CITY_COUNCIL: 0.8,
  COUNTY: 0.6,
  METROPOLITAN_AUTHORITY: 0.7,
  AGENCY: 0.6,
  ASSOCIATION: 0.5,
  CONSORTIUM: 0.4,
  UNIVERSITY: 0.3,
  RESEARCH_CENTRE: 0.3,
  COMPANY: 0.05,
};

/** Kinds of body that are usually national or regional rather than in one city. */
const OFTEN_WITHOUT_CITY: Partial<Record<OrganisationKind, number>> = { COUNTY: 0.7, AGENCY: 0.4, ASSOCIATION: 0.5 };

const ORGANISATION_NAMES: Record<OrganisationKind, readonly string[]> = {
  CITY: ['{C}'],
  CITY_COUNCIL: ['{C} City Council', 'City Council of {C}', 'Municipality of {C}'],
  COUNTY: ['{R} County', 'County of {R}', 'Province of {R}', '{R} Regional Council'],
  METROPOLITAN_AUTHORITY: ['Grand {C}', '{C} Metropolitan Authority', 'Metropolitan City of {C}'],
  AGENCY: [
    '{C} Digital Agency',
    'Agency for Digital Government of {K}',
    '{K} Local Government Management Agency',
    '{C} Agency for Innovation',
  ],
  ASSOCIATION: [
    'Association of Municipal IT Managers of {K}',
    '{K} Institute of Local Government IT',
    'Association of {K} Cities',
    '{R} Network of Digital Municipalities',
  ],
  CONSORTIUM: ['{C} ICT Consortium', '{B} Consortium', '{R} Shared Services Consortium'],
  UNIVERSITY: [
    'University of {C}',
    '{C} University of Technology',
    '{C} University of Applied Sciences',
    'Technical University of {C}',
  ],
  RESEARCH_CENTRE: [
    '{C} Centre for Digital Government',
    'Institute for Urban Informatics {C}',
    '{K} Research Centre for e-Government',
    'Centre for Technology in Government, {C}',
  ],
  COMPANY: ['{B} {F} {L}', '{C} {F} {L}'],
};

const ORGANISATION_DESCRIPTIONS: Record<OrganisationKind, string> = {
  CITY: 'The municipal administration of {C}.',
  CITY_COUNCIL: 'The elected council of {C} and its IT department.',
  COUNTY: 'The regional administration of {R}.',
  METROPOLITAN_AUTHORITY: 'The metropolitan authority of {C} and the municipalities around it.',
  AGENCY: 'A public agency providing digital services to local governments in {K}.',
  ASSOCIATION: 'An association of local-government IT bodies in {K}.',
  CONSORTIUM: 'A consortium running shared IT services for municipalities in {K}.',
  UNIVERSITY: 'A university researching digital government with its city.',
  RESEARCH_CENTRE: 'A research centre on ICT in the public sector.',
  COMPANY: 'An IT provider for local governments in {K}.',
};

/** English names of the languages conferences offer translation into. */
const LANGUAGE_NAMES: Record<string, string> = {
  de: 'German',
  it: 'Italian',
  fr: 'French',
  es: 'Spanish',
  pt: 'Portuguese',
  nl: 'Dutch',
  sv: 'Swedish',
  pl: 'Polish',
  hr: 'Croatian',
  sl: 'Slovenian',
  el: 'Greek',
  ro: 'Romanian',
  hu: 'Hungarian',
  cs: 'Czech',
  da: 'Danish',
  fi: 'Finnish',
};

class Generator {
  private readonly counts = {} as Record<ScaleTable, number>;
  private readonly tables: TableRows[] = [];

  private readonly countries: CountryModel[] = [];
  private readonly cities: CityModel[] = [];
  private readonly citiesByCountry = new Map<string, CityModel[]>();
  private readonly organisations: OrganisationModel[] = [];
  private readonly generatedOrganisations: OrganisationModel[] = [];
  private readonly cityOrganisation = new Map<CityModel, OrganisationModel>();
  private readonly themes: ThemeModel[] = [];
  private readonly conferences: ConferenceModel[] = [];
  private readonly generatedPeople: PersonModel[] = [];
  private readonly workshopTopics: Array<{
    workshop: GeneratedRef;
    position: number;
    theme: ThemeModel;
    wording: string;
  }> = [];

  private readonly citySlugs: UniqueNames;
  private readonly organisationSlugs: UniqueNames;
  private readonly personSlugs: UniqueNames;
  private readonly themeSlugs: UniqueNames;
  private readonly workshopSlugs: UniqueNames;
  private readonly projectSlugs: UniqueNames;

  constructor(
    private readonly baseline: Baseline,
    private readonly factor: number,
    private readonly seed: number,
  ) {
    this.citySlugs = new UniqueNames(baseline.cities.map((city) => city.slug));
    this.organisationSlugs = new UniqueNames(baseline.organisations.map((organisation) => organisation.slug));
    this.personSlugs = new UniqueNames(baseline.people.map((person) => person.slug));
    this.themeSlugs = new UniqueNames(baseline.themes.map((theme) => theme.slug));
    this.workshopSlugs = new UniqueNames(baseline.workshopSlugs);
    this.projectSlugs = new UniqueNames(baseline.projectSlugs);
  }

  plan(): ScalePlan {
    this.loadBaseline();
    this.generateCountries();
    this.generateCities();
    this.generateThemes();
    this.generateOrganisations();
    this.generatePeople();
    this.generateConferences();
    this.generateWorkshops();
    this.generateTopics();
    this.generateTalks();
    this.generatePartnerships();
    this.generateProjects();
    const order = new Map(SCALE_TABLES.map((table, index) => [table, index]));
    this.tables.sort((a, b) => order.get(a.table)! - order.get(b.table)!);
    return { tables: this.tables, counts: this.counts };
  }

  private count(rate: number): number {
    return Math.max(1, Math.round(rate * this.factor));
  }

  private random(stream: string): Random {
    return new Random(this.seed, stream);
  }

  private addTable(table: ScaleTable, columns: readonly string[], rows: Cell[][]): void {
    this.tables.push({ table, columns, rows });
    this.counts[table] = rows.length;
  }

  // The seed dataset's records, as the models generated records refer to.
  private loadBaseline(): void {
    const countryById = new Map<number, CountryModel>();
    for (const country of this.baseline.countries) {
      const model: CountryModel = {
        ref: country.id,
        code: country.code,
        alpha3: country.alpha3,
        name: country.name,
        ...languageOf(country.code),
      };
      countryById.set(country.id, model);
      this.countries.push(model);
    }
    const cityById = new Map<number, CityModel>();
    for (const city of this.baseline.cities) {
      const model: CityModel = { ref: city.id, country: countryById.get(city.countryId)!, name: city.name };
      cityById.set(city.id, model);
      this.addCity(model);
    }
    for (const organisation of this.baseline.organisations) {
      const city = organisation.cityId === null ? null : cityById.get(organisation.cityId)!;
      const model: OrganisationModel = {
        ref: organisation.id,
        country: countryById.get(organisation.countryId)!,
        city,
        kind: organisation.kind as OrganisationKind,
        name: organisation.name,
      };
      this.organisations.push(model);
      if (city && model.kind === 'CITY') this.cityOrganisation.set(city, model);
    }
    const themeById = new Map<number, ThemeModel>();
    for (const theme of this.baseline.themes) {
      const model: ThemeModel = { ref: theme.id, name: theme.name };
      themeById.set(theme.id, model);
      this.themes.push(model);
    }
    for (const conference of this.baseline.conferences) {
      const held = conference.status === 'HELD';
      this.conferences.push({
        ref: conference.id,
        year: conference.year,
        held,
        weight: (conference.participants ?? 200) * (held ? 1 : 0.3),
        hostCity: conference.hostCityId === null ? null : cityById.get(conference.hostCityId)!,
        topics: this.baseline.conferenceTopics
          .filter((topic) => topic.conferenceId === conference.id)
          .map((topic) => ({ ref: topic.id, theme: themeById.get(topic.themeId)! })),
        generated: false,
      });
    }
  }

  private addCity(city: CityModel): void {
    this.cities.push(city);
    const inCountry = this.citiesByCountry.get(city.country.code) ?? [];
    inCountry.push(city);
    this.citiesByCountry.set(city.country.code, inCountry);
  }

  /** Real countries the dataset lacks, Europe and larger first. */
  private generateCountries(): void {
    const known = new Set(this.countries.map((country) => country.code));
    const available = COUNTRIES.filter((country) => !known.has(country.code));
    const added = available.slice(0, Math.min(available.length, this.count(PER_FACTOR.country)));
    const rows = added.map((country, index): Cell[] => {
      this.countries.push({ ...country, ref: new GeneratedRef('country', index) });
      return [country.code, country.alpha3, country.name, null, country.inEurope];
    });
    this.addTable('country', ['code', 'alpha3', 'name', 'source_label', 'in_europe'], rows);
  }

  /** Countries ranked by how much of the network they hold, for Zipf-like draws. */
  private countryPicker(): ZipfPicker<CountryModel> {
    const rank = (country: CountryModel) => {
      const position = COUNTRY_WEIGHT_ORDER.indexOf(country.code);
      return position === -1 ? COUNTRY_WEIGHT_ORDER.length + this.countries.indexOf(country) : position;
    };
    return new ZipfPicker(
      [...this.countries].sort((a, b) => rank(a) - rank(b)),
      1.0,
    );
  }

  private generateCities(): void {
    const random = this.random('city');
    const countries = this.countryPicker();
    const names = new UniqueNames(this.cities.map((city) => `${city.country.code}|${city.name}`));
    const rows: Cell[][] = [];
    const total = this.count(PER_FACTOR.city);
    for (let index = 0; index < total; index++) {
      const country = countries.pick(random);
      let name = placeName(random, country.family);
      for (let attempt = 0; names.has(`${country.code}|${name}`) && attempt < 20; attempt++)
        name = placeName(random, country.family);
      for (let district = 2; names.has(`${country.code}|${name}`); district++)
        name = `${name.replace(/ \d+$/, '')} ${district}`;
      names.add(`${country.code}|${name}`);
      const slug = this.citySlugs.take(slugify(name, 100), [country.code.toLowerCase()], 100);
      const city: CityModel = { ref: new GeneratedRef('city', index), country, name };
      this.addCity(city);
      rows.push([name, slug, country.ref]);
    }
    this.addTable('city', ['name', 'slug', 'country_id'], rows);
    this.generateCityAliases(rows.length);
  }

  /** Another spelling of some generated cities, as other languages write them. */
  private generateCityAliases(generatedCities: number): void {
    const random = this.random('city_alias');
    const used = new UniqueNames(this.baseline.cityAliasNames);
    const rows: Cell[][] = [];
    const generated = this.cities.slice(this.cities.length - generatedCities);
    for (const city of generated) {
      if (!random.chance(0.15)) continue;
      const candidates = exonyms(city.name).filter(
        ([name, language]) => name !== city.name && language !== city.country.language && !used.has(name),
      );
      if (candidates.length === 0) continue;
      const [name, language] = random.pick(candidates);
      used.add(name);
      rows.push([name, language, city.ref]);
    }
    this.addTable('city_alias', ['name', 'language', 'city_id'], rows);
  }

  private generateThemes(): void {
    const random = this.random('theme');
    const names = new UniqueNames(this.themes.map((theme) => theme.name));
    const listed = THEMES.filter((name) => !names.has(name));
    const rows: Cell[][] = [];
    const total = this.count(PER_FACTOR.theme);
    for (let index = 0; index < total; index++) {
      let name = listed[index];
      while (!name || names.has(name))
        name = `${random.pick(THEME_AREAS.subjects)} for ${random.pick(THEME_AREAS.domains)}`;
      names.add(name);
      const slug = this.themeSlugs.take(slugify(name, 100), [], 100);
      this.themes.push({ ref: new GeneratedRef('theme', index), name });
      rows.push([name, slug, `How cities deal with ${lowerFirst(name)}.`]);
    }
    this.addTable('theme', ['name', 'slug', 'description'], rows);
  }

  /** Themes for topics: a few themes take most of them. */
  private themePicker(): ZipfPicker<ThemeModel> {
    return new ZipfPicker(this.random('theme-rank').shuffled(this.themes), 1.2);
  }

  private generateOrganisations(): void {
    const random = this.random('organisation');
    const countries = this.countryPicker();
    const cityPickers = new Map<string, ZipfPicker<CityModel>>();
    const cityIn = (country: CountryModel): CityModel | null => {
      const cities = this.citiesByCountry.get(country.code);
      if (!cities) return null;
      let picker = cityPickers.get(country.code);
      if (!picker) cityPickers.set(country.code, (picker = new ZipfPicker(cities, 0.8)));
      return picker.pick(random);
    };
    const rows: Cell[][] = [];
    const memberships: Cell[][] = [];
    const total = this.count(PER_FACTOR.organisation);
    for (let index = 0; index < total; index++) {
      const country = countries.pick(random);
      let kind = random.weighted(ORGANISATION_KINDS);
      let city = random.chance(OFTEN_WITHOUT_CITY[kind] ?? 0) ? null : cityIn(country);
      if (kind === 'CITY') {
        // A city is one organisation: another draw for a city that has one already, else another kind of body.
        for (let attempt = 0; city && this.cityOrganisation.has(city) && attempt < 5; attempt++) city = cityIn(country);
        if (!city || this.cityOrganisation.has(city)) kind = 'AGENCY';
      }
      if (!city && !(kind in OFTEN_WITHOUT_CITY)) kind = 'ASSOCIATION';
      const family = country.family;
      const region = placeName(random, family);
      const brand = `${random.pick(COMPANY_BRAND_PARTS.heads)}${random.pick(COMPANY_BRAND_PARTS.tails)}`;
      const fill = (template: string) =>
        template
          .replace('{C}', city?.name ?? region)
          .replace('{R}', region)
          .replace('{K}', country.name)
          .replace('{B}', brand)
          .replace('{F}', random.pick(COMPANY_BRAND_PARTS.fields))
          .replace('{L}', random.pick(COMPANY_FORMS[family]));
      const name = fill(random.pick(ORGANISATION_NAMES[kind]));
      const qualifiers = [city ? slugify(city.name, 60) : slugify(country.name, 60), country.code.toLowerCase()];
      const slug = this.organisationSlugs.take(slugify(name, 200), qualifiers, 200);
      const description = random.chance(0.4) ? fill(ORGANISATION_DESCRIPTIONS[kind]) : null;
      const organisation: OrganisationModel = {
        ref: new GeneratedRef('organisation', index),
        country,
        city,
        kind,
        name,
      };
      this.organisations.push(organisation);
      this.generatedOrganisations.push(organisation);
      if (kind === 'CITY' && city) this.cityOrganisation.set(city, organisation);
      rows.push([name, slug, kind, description, country.ref, city?.ref ?? null]);
      if (random.chance(MEMBERSHIP_CHANCE[kind])) memberships.push(membership(random, organisation));
    }
    this.addTable('organisation', ['name', 'slug', 'kind', 'description', 'country_id', 'city_id'], rows);
    this.addTable('membership', ['organisation_id', 'status', 'listed_as', 'listed_under', 'note'], memberships);
  }

  private generatePeople(): void {
    const random = this.random('person');
    // Staff concentrate in a few large bodies (the big cities' administrations).
    const employers = new ZipfPicker(this.random('person-employer').shuffled(this.organisations), 0.6);
    const rows: Cell[][] = [];
    const total = this.count(PER_FACTOR.person);
    for (let index = 0; index < total; index++) {
      const organisation = employers.pick(random);
      const names = PERSON_NAMES[organisation.country.family];
      let familyName = random.pick(names.family);
      if (random.chance(0.05)) familyName = `${familyName}-${random.pick(names.family)}`;
      const name = `${random.pick(names.given)} ${familyName}`;
      const slug = this.personSlugs.take(slugify(name, 200), [], 200);
      const person: PersonModel = { ref: new GeneratedRef('person', index), organisation };
      this.generatedPeople.push(person);
      rows.push([name, slug]);
    }
    this.addTable('person', ['name', 'slug'], rows);
    this.generateAssociationRoles();
  }

  /** Offices of the association, held over some years, mostly by the people who speak most. */
  private generateAssociationRoles(): void {
    const random = this.random('association_role');
    const holders = new ZipfPicker(this.generatedPeople, 0.5);
    const taken = new Set<string>();
    const rows: Cell[][] = [];
    const total = this.count(PER_FACTOR.associationRole);
    for (let attempt = 0; rows.length < total && attempt < total * 5; attempt++) {
      const person = holders.pick(random);
      const office = random.weighted(OFFICE_TITLES);
      const from = random.int(1984, 2022);
      const to = from + random.int(2, 6);
      const title = to > LAST_HELD_YEAR ? `${office} since ${from}` : `${office} (${from}–${to})`;
      const key = `${(person.ref as GeneratedRef).index}|${office}`;
      if (taken.has(key)) continue;
      taken.add(key);
      rows.push([title, person.ref]);
    }
    this.addTable('association_role', ['title', 'person_id'], rows);
  }

  /** The years 1982-2100 with no conference yet: recent history first, then the years ahead. */
  private freeYears(): number[] {
    const taken = new Set(this.conferences.map((conference) => conference.year));
    const years: number[] = [];
    for (let year = LAST_HELD_YEAR; year >= EVENT_YEARS.first; year--) if (!taken.has(year)) years.push(year);
    for (let year = LAST_HELD_YEAR + 1; year <= EVENT_YEARS.last; year++) if (!taken.has(year)) years.push(year);
    return years;
  }

  /** Cities with a member city administration, larger (more organisations) first: the hosts of events. */
  private hostPicker(): ZipfPicker<CityModel> {
    const organisationsIn = new Map<CityModel, number>();
    for (const organisation of this.organisations) {
      if (organisation.city) organisationsIn.set(organisation.city, (organisationsIn.get(organisation.city) ?? 0) + 1);
    }
    const hosts = [...this.cityOrganisation.keys()].sort((a, b) => organisationsIn.get(b)! - organisationsIn.get(a)!);
    return new ZipfPicker(hosts, 0.7);
  }

  private generateConferences(): void {
    const random = this.random('conference');
    const hosts = this.hostPicker();
    const years = this.freeYears().slice(0, this.count(PER_FACTOR.conference));
    const rows: Cell[][] = [];
    for (const [index, year] of years.entries()) {
      const held = year <= LAST_HELD_YEAR;
      const virtual = year === 2020 || (year >= 2000 && random.chance(0.05));
      const hostCity = virtual ? null : hosts.pick(random);
      const hostOrganisation = hostCity ? this.cityOrganisation.get(hostCity)! : null;
      const knownDates = held || random.chance(0.6);
      const month = random.weighted<number>([
        [4, 1],
        [5, 3],
        [6, 3],
        [9, 2],
        [10, 3],
        [11, 1],
      ]);
      const day = random.int(1, 26);
      const startDate = knownDates ? isoDate(year, month, day) : null;
      const endDate = knownDates ? isoDate(year, month, day + random.int(1, 2)) : null;
      const participants = held ? random.int(120, 480) : null;
      const approximate = participants !== null && random.chance(0.4);
      const shown = approximate ? Math.round(participants! / 50) * 50 : participants;
      const hostLanguage = hostCity ? LANGUAGE_NAMES[hostCity.country.language] : undefined;
      const conference: ConferenceModel = {
        ref: new GeneratedRef('conference', index),
        year,
        held,
        weight: (shown ?? 200) * (held ? 1 : 0.3),
        hostCity,
        topics: [],
        generated: true,
      };
      this.conferences.push(conference);
      rows.push([
        year,
        random.chance(0.7) ? random.pick(CONFERENCE_TITLES) : null,
        random.chance(0.3)
          ? hostCity
            ? `The association's annual conference, hosted by ${hostCity.name}.`
            : "The association's annual conference, held online."
          : null,
        hostCity?.ref ?? null,
        hostOrganisation?.ref ?? null,
        hostCity ? (random.chance(0.5) ? `${hostCity.name} ${random.pick(VENUES)}` : random.pick(VENUES)) : null,
        startDate,
        endDate,
        held ? 'HELD' : 'PLANNED',
        virtual ? 'VIRTUAL' : 'IN_PERSON',
        shown,
        approximate,
        shown === null ? null : approximate ? `about ${shown} participants` : `${shown} participants`,
        held ? random.int(8, 32) : null,
        held ? random.int(20, 90) : null,
        held
          ? random.pick(['from all over Europe', 'from Europe and beyond', 'from across Europe, the US and Asia'])
          : null,
        textArray(['English']),
        textArray(hostLanguage && hostLanguage !== 'English' && random.chance(0.3) ? [hostLanguage] : []),
        held ? null : true,
        held ? null : random.chance(0.3),
        held ? true : null,
        held ? random.chance(0.7) : null,
        held && year >= 2005 ? random.chance(0.4) : null,
      ]);
    }
    this.addTable(
      'conference',
      [
        'year',
        'title',
        'description',
        'host_city_id',
        'host_organisation_id',
        'venue',
        'start_date',
        'end_date',
        'status',
        'format',
        'attendance_participants',
        'attendance_approximate',
        'attendance_wording',
        'attendance_countries_represented',
        'attendance_cities_represented',
        'attendance_origin',
        'languages',
        'translation_languages',
        'registration_open',
        'registration_free',
        'published_programme',
        'published_handouts',
        'published_videos',
      ],
      rows,
    );
  }

  private generateWorkshops(): void {
    const random = this.random('workshop');
    const themes = this.themePicker();
    const hosts = this.hostPicker();
    const rows: Cell[][] = [];
    const total = this.count(PER_FACTOR.workshop);
    for (let index = 0; index < total; index++) {
      const theme = themes.pick(random);
      const title = fillTheme(random.pick(WORKSHOP_TEMPLATES), theme.name);
      const hostCity = random.chance(0.85) ? hosts.pick(random) : null;
      const qualifiers = hostCity ? [slugify(hostCity.name, 60)] : [];
      const slug = this.workshopSlugs.take(slugify(title, 200), qualifiers, 200);
      // More workshops in recent years: the square root skews the draw towards the later end.
      const year = 1995 + Math.floor(Math.sqrt(random.next()) * (LAST_HELD_YEAR - 1995 + 1));
      const heldOn = random.chance(0.8) ? isoDate(year, random.int(1, 12), random.int(1, 28)) : null;
      const description = random.chance(0.6)
        ? `A one-day workshop${hostCity ? ` hosted by ${hostCity.name}` : ''} on ${lowerFirst(theme.name)}.`
        : null;
      const workshop = new GeneratedRef('workshop', index);
      rows.push([title, slug, description, heldOn, hostCity?.ref ?? null]);
      this.workshopTopics.push({ workshop, position: 1, theme, wording: title });
      if (random.chance(0.3)) {
        const second = themes.pick(random);
        if (second !== theme)
          this.workshopTopics.push({
            workshop,
            position: 2,
            theme: second,
            wording: fillTheme(random.pick(TOPIC_TEMPLATES), second.name),
          });
      }
    }
    this.addTable('workshop', ['title', 'slug', 'description', 'held_on', 'host_city_id'], rows);
  }

  /** The generated conferences' key or session topics, then the workshops'. */
  private generateTopics(): void {
    const random = this.random('topic');
    const themes = this.themePicker();
    const rows: Cell[][] = [];
    const add = (row: Cell[]) => new GeneratedRef('topic', rows.push(row) - 1);
    for (const conference of this.conferences.filter((candidate) => candidate.generated)) {
      const kind = random.chance(0.7) ? 'KEY_TOPIC' : 'SESSION_TOPIC';
      const chosen = new Set<ThemeModel>();
      const wanted = random.int(3, 8);
      for (let attempt = 0; chosen.size < wanted && attempt < wanted * 4; attempt++) chosen.add(themes.pick(random));
      for (const [position, theme] of [...chosen].entries()) {
        const wording = fillTheme(random.pick(TOPIC_TEMPLATES), theme.name);
        const details = random.chance(0.2) ? `Sessions on ${lowerFirst(theme.name)}.` : null;
        const ref = add([wording, details, kind, position + 1, theme.ref, conference.ref, null]);
        conference.topics.push({ ref, theme });
      }
    }
    for (const topic of this.workshopTopics)
      add([topic.wording, null, 'WORKSHOP_TOPIC', topic.position, topic.theme.ref, null, topic.workshop]);
    this.addTable(
      'topic',
      ['wording', 'details', 'kind', 'position', 'theme_id', 'conference_id', 'workshop_id'],
      rows,
    );
  }

  private generateTalks(): void {
    const random = this.random('talk');
    const themes = this.themePicker();
    const conferences = new WeightedPicker(this.conferences, (conference) => conference.weight);
    // A few speakers give many talks; most give one or none. Only generated people: no talk is put in the mouth of
    // a person the documents name.
    const speakers = new ZipfPicker(this.generatedPeople, 0.5);
    const rows: Cell[][] = [];
    const total = this.count(PER_FACTOR.talk);
    for (let index = 0; index < total; index++) {
      const conference = conferences.pick(random);
      const speaker = speakers.pick(random);
      const organisation = speaker.organisation && random.chance(0.85) ? speaker.organisation : null;
      const topic = conference.topics.length > 0 && random.chance(0.7) ? random.pick(conference.topics) : null;
      const theme = topic?.theme ?? themes.pick(random);
      const city = organisation?.city?.name ?? conference.hostCity?.name;
      const templates = city ? TALK_TEMPLATES : TALK_TEMPLATES.filter((template) => !template.includes('{C}'));
      const title = fillTheme(random.pick(templates), theme.name).replace('{C}', city ?? '');
      rows.push([title, conference.ref, speaker.ref, organisation?.ref ?? null, topic?.ref ?? null]);
    }
    this.addTable('talk', ['title', 'conference_id', 'speaker_id', 'organisation_id', 'topic_id'], rows);
  }

  /**
   * Sponsors, academic and collaboration partners among the generated organisations, and the co-organisers and
   * venues of the generated conferences (the seeded conferences keep exactly the partners the documents name).
   */
  private generatePartnerships(): void {
    const random = this.random('partnership');
    const ofKinds = (...kinds: OrganisationKind[]) =>
      this.generatedOrganisations.filter((organisation) => kinds.includes(organisation.kind));
    const pickers = {
      sponsors: pickerOrNull(ofKinds('COMPANY'), 1.0),
      academics: pickerOrNull(ofKinds('UNIVERSITY', 'RESEARCH_CENTRE'), 1.0),
      collaborators: pickerOrNull(ofKinds('ASSOCIATION', 'AGENCY', 'CONSORTIUM'), 1.0),
    };
    const hosted = this.conferences.filter((conference) => conference.generated && conference.hostCity);
    const generatedConferences = this.conferences.filter((conference) => conference.generated);
    const taken = new Set<string>();
    const rows: Cell[][] = [];
    const total = this.count(PER_FACTOR.partnership);
    for (let attempt = 0; rows.length < total && attempt < total * 10; attempt++) {
      const kind = random.weighted<string>([
        ['SPONSOR', 4],
        ['ACADEMIC_PARTNER', 2.5],
        ['COLLABORATION_PARTNER', 1.5],
        ['CONFERENCE_CO_ORGANISER', 1],
        ['CONFERENCE_VENUE', 1],
      ]);
      let organisation: OrganisationModel | null = null;
      let conference: ConferenceModel | null = null;
      let description: string;
      if (kind === 'SPONSOR') {
        organisation = pickers.sponsors?.pick(random) ?? null;
        conference = random.chance(0.5) && generatedConferences.length > 0 ? random.pick(generatedConferences) : null;
        description = conference
          ? `Sponsored the ${conference.year} conference.`
          : "Supports the association's initiatives.";
      } else if (kind === 'ACADEMIC_PARTNER') {
        organisation = pickers.academics?.pick(random) ?? null;
        description = 'Partnering with the association, bringing the results of its research.';
      } else if (kind === 'COLLABORATION_PARTNER') {
        organisation = pickers.collaborators?.pick(random) ?? null;
        description = 'Partnership established with the association.';
      } else {
        if (hosted.length === 0) continue;
        conference = random.pick(hosted);
        const city = conference.hostCity!;
        const local = this.generatedOrganisations.filter(
          (candidate) => candidate.city === city && candidate.kind !== 'CITY',
        );
        const national = this.generatedOrganisations.filter(
          (candidate) => candidate.country === city.country && candidate.kind !== 'CITY',
        );
        const candidates = kind === 'CONFERENCE_VENUE' ? local : local.length > 0 ? local : national;
        if (candidates.length === 0) continue;
        organisation = random.pick(candidates);
        description =
          kind === 'CONFERENCE_VENUE'
            ? `Hosted the ${conference.year} conference on its premises.`
            : `Organised the ${conference.year} conference with the association.`;
      }
      if (!organisation) continue;
      const key = `${(organisation.ref as GeneratedRef).index}|${kind}|${conference?.year ?? ''}`;
      if (taken.has(key)) continue;
      taken.add(key);
      rows.push([organisation.ref, kind, conference?.ref ?? null, description]);
    }
    this.addTable('partnership', ['organisation_id', 'kind', 'conference_id', 'description'], rows);
  }

  private generateProjects(): void {
    const random = this.random('project');
    const themes = this.themePicker();
    // A few bodies take part in many projects.
    const participants = new ZipfPicker(this.random('project-participant').shuffled(this.organisations), 0.8);
    const events: GeneratedRef[] = [];
    const rows: Cell[][] = [];
    const participations: Cell[][] = [];
    const total = this.count(PER_FACTOR.project);
    for (let index = 0; index < total; index++) {
      const kind = random.weighted<string>([
        ['EU_PROJECT', 6],
        ['PROJECT', 3],
        ['EVENT', 1],
      ]);
      const theme = themes.pick(random);
      const ref = new GeneratedRef('project', index);
      let name: string;
      let description: string;
      let associationRole: string | null = random.chance(0.5) ? random.pick(PROJECT_PARTS.roles) : null;
      let presentedAt: GeneratedRef | null = null;
      if (kind === 'EU_PROJECT') {
        name = `${random.pick(PROJECT_PARTS.heads)}${random.pick(PROJECT_PARTS.tails)}${random.chance(0.2) ? random.int(2, 9) : ''}`;
        description = `A project under ${random.pick(PROJECT_PARTS.programmes)} on ${lowerFirst(theme.name)}, in which members took part.`;
      } else if (kind === 'EVENT') {
        const year = random.int(2000, LAST_HELD_YEAR);
        name = `European Forum on ${theme.name} ${year}`;
        description = `A one-off event on ${lowerFirst(theme.name)}, held in ${year}.`;
        associationRole = random.chance(0.6) ? 'Co-organiser' : associationRole;
        events.push(ref);
      } else {
        name = `${theme.name} Project`;
        description = `A project of member cities on ${lowerFirst(theme.name)}.`;
        // Only an event written before it, so that the reference points at an existing row.
        if (events.length > 0 && random.chance(0.3)) {
          presentedAt = random.pick(events);
          description += ' Presented at an event of the network.';
        }
      }
      const slug = this.projectSlugs.take(slugify(name, 200), [], 200);
      rows.push([name, slug, kind, description, associationRole, presentedAt]);
      const wanted = Math.min(40, 1 + Math.floor(-Math.log(1 - random.next()) * 5));
      const chosen = new Set<OrganisationModel>();
      for (let attempt = 0; chosen.size < wanted && attempt < wanted * 4; attempt++)
        chosen.add(participants.pick(random));
      for (const [position, organisation] of [...chosen].entries()) {
        participations.push([ref, organisation.ref, position === 0 ? 'ORGANISER' : 'PARTICIPANT']);
      }
    }
    this.addTable('project', ['name', 'slug', 'kind', 'description', 'association_role', 'presented_at_id'], rows);
    this.addTable('project_participation', ['project_id', 'organisation_id', 'role'], participations);
  }
}

function membership(random: Random, organisation: OrganisationModel): Cell[] {
  // Most members joined in later years: the square root skews the draw towards the later end.
  const joined = EVENT_YEARS.first + Math.floor(Math.sqrt(random.next()) * (LAST_HELD_YEAR - EVENT_YEARS.first));
  const former = joined < LAST_HELD_YEAR && random.chance(0.2);
  const left = former ? random.int(joined + 1, LAST_HELD_YEAR) : null;
  const listedAs = organisation.kind === 'CITY' ? organisation.city!.name : organisation.name;
  const listedUnder = `${organisation.country.alpha3} ${organisation.country.name}`;
  const note = former ? `Member from ${joined} to ${left}.` : `Member since ${joined}.`;
  return [organisation.ref, former ? 'FORMER' : 'ACTIVE', listedAs, listedUnder, note];
}

function pickerOrNull<T>(items: T[], exponent: number): ZipfPicker<T> | null {
  return items.length > 0 ? new ZipfPicker(items, exponent) : null;
}

/** Draws items in proportion to a weight of their own. */
class WeightedPicker<T> {
  private readonly cumulative: number[] = [];

  constructor(
    private readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) this.cumulative.push((sum += weight(item)));
  }

  pick(random: Random): T {
    const draw = random.next() * this.cumulative[this.cumulative.length - 1];
    const index = this.cumulative.findIndex((bound) => bound > draw);
    return this.items[index === -1 ? this.items.length - 1 : index];
  }
}

/** Names already taken (slugs, city names per country), and the next free one for a wanted name. */
class UniqueNames {
  private readonly taken: Set<string>;

  constructor(existing: Iterable<string>) {
    this.taken = new Set(existing);
  }

  has(name: string): boolean {
    return this.taken.has(name);
  }

  add(name: string): void {
    this.taken.add(name);
  }

  /** `base`, else `base-<qualifier>` for each qualifier, else `base-2`, `base-3`…, within `maxLength`. */
  take(base: string, qualifiers: string[], maxLength: number): string {
    const candidates = [base, ...qualifiers.filter(Boolean).map((qualifier) => joinSlug(base, qualifier, maxLength))];
    let name = candidates.find((candidate) => !this.taken.has(candidate));
    for (let counter = 2; !name; counter++) {
      const candidate = joinSlug(candidates[candidates.length - 1], String(counter), maxLength);
      if (!this.taken.has(candidate)) name = candidate;
    }
    this.taken.add(name);
    return name;
  }
}

function joinSlug(base: string, tail: string, maxLength: number): string {
  const room = maxLength - tail.length - 1;
  return `${base.slice(0, room).replace(/-+$/, '')}-${tail}`;
}

const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  đ: 'd',
  Đ: 'd',
  ł: 'l',
  Ł: 'l',
  ı: 'i',
  œ: 'oe',
};

/** The API's slug rule (server/common/slug.ts): lower-case letters and digits joined by single hyphens. */
export function slugify(text: string, maxLength: number): string {
  const ascii = text
    .replace(/[ßøØæÆđĐłŁıœ]/g, (letter) => TRANSLITERATIONS[letter])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const slug = ascii
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug || 'x';
}

/** A place name in the style of a language family: [prefix] root suffix. */
function placeName(random: Random, family: LanguageFamily): string {
  const parts = PLACE_PARTS[family];
  const stem = `${random.pick(parts.roots).toLowerCase()}${random.pick(parts.suffixes)}`;
  if (!random.chance(0.2)) return upperFirst(stem);
  const prefix = random.pick(parts.prefixes);
  return /[ \-']$/.test(prefix) ? `${prefix}${upperFirst(stem)}` : `${prefix}${stem}`;
}

/** Other spellings of a city's name, with the language that writes it so. */
function exonyms(name: string): Array<[string, string]> {
  const stem = name.replace(/[aeiouy]+$/i, '');
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return [
    [ascii, 'en'],
    [`${stem}a`, 'it'],
    [`${stem}e`, 'fr'],
    [`${stem}en`, 'de'],
  ];
}

function fillTheme(template: string, theme: string): string {
  return template.replace('{T}', theme).replace('{t}', lowerFirst(theme));
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The theme's name inside a sentence: lower case, unless it starts with an acronym ("ICT", "GIS"). */
function lowerFirst(text: string): string {
  return /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A text[] value as PostgreSQL's array literal, so that it travels as one parameter on every driver. */
function textArray(items: string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
