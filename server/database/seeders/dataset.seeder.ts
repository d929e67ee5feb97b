import type { EntityData, EntityManager, EntityName, FilterQuery, RequiredEntityData } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { Association } from '../../modules/association/association.entity';
import { City, CityAlias } from '../../modules/city/city.entity';
import { Conference } from '../../modules/conference/conference.entity';
import { Country } from '../../modules/country/country.entity';
import { Membership, Organisation, Partnership } from '../../modules/organisation/organisation.entity';
import { AssociationRole, Person } from '../../modules/person/person.entity';
import { Project, ProjectParticipation } from '../../modules/project/project.entity';
import { Source } from '../../modules/source/source.entity';
import { Theme, Topic, TopicKind } from '../../modules/theme/theme.entity';
import { Workshop } from '../../modules/workshop/workshop.entity';
import { dataset as defaultDataset } from './dataset';
import type { Dataset, SourceKey } from './dataset.types';

/**
 * Loads the dataset, adding only the records that are missing (found by natural key). Running it again
 * changes nothing and duplicates nothing, and it never overwrites a record edited since it was seeded.
 * Everything happens in one transaction: a failure leaves the database as it was.
 */
export class DatasetSeeder extends Seeder {
  constructor(private readonly data: Dataset = defaultDataset) {
    super();
  }

  async run(em: EntityManager): Promise<void> {
    await em.transactional((tx) => new DatasetLoader(tx, this.data).load());
  }
}

class DatasetLoader {
  private readonly sources = new Map<SourceKey, Source>();
  private readonly countries = new Map<string, Country>();
  private readonly cities = new Map<string, City>();
  private readonly organisations = new Map<string, Organisation>();
  private readonly themes = new Map<string, Theme>();
  private readonly conferences = new Map<number, Conference>();
  private readonly projects = new Map<string, Project>();

  constructor(
    private readonly em: EntityManager,
    private readonly data: Dataset,
  ) {}

  async load(): Promise<void> {
    await this.loadSources();
    await this.loadPlaces();
    await this.loadOrganisations();
    await this.loadAssociation();
    await this.loadThemesAndTopics();
    await this.loadPartnerships();
    await this.loadProjects();
    await this.em.flush();
  }

  /** The existing record with `key`, or a new one made from `data` (persisted on the final flush). */
  private async ensure<T extends object>(
    entity: EntityName<T>,
    key: FilterQuery<T>,
    data: RequiredEntityData<T> | EntityData<T>,
  ): Promise<T> {
    const existing = await this.em.findOne(entity, key);
    if (existing) return existing;
    // Records created earlier in this run are not in the database yet; flushing keeps lookups simple.
    const created = this.em.create(entity, data as RequiredEntityData<T>);
    await this.em.flush();
    return created;
  }

  private source(key: SourceKey): Source {
    const source = this.sources.get(key);
    if (!source) throw new Error(`Dataset names unknown source "${key}"`);
    return source;
  }

  private lookup<K, V>(map: Map<K, V>, key: K, what: string): V {
    const value = map.get(key);
    if (!value) throw new Error(`Dataset names unknown ${what} "${String(key)}"`);
    return value;
  }

  private async loadSources(): Promise<void> {
    for (const [key, seed] of Object.entries(this.data.sources) as Array<[SourceKey, Dataset['sources'][SourceKey]]>) {
      this.sources.set(key, await this.ensure(Source, { fileName: seed.fileName }, seed));
    }
  }

  private async loadPlaces(): Promise<void> {
    for (const seed of this.data.countries) {
      const country = await this.ensure(Country, { code: seed.code }, { ...seed, source: this.source(seed.source) });
      this.countries.set(seed.code, country);
    }
    for (const seed of this.data.cities) {
      const country = this.lookup(this.countries, seed.country, 'country');
      const city = await this.ensure(
        City,
        { slug: seed.slug },
        { slug: seed.slug, name: seed.name, country, source: this.source(seed.source) },
      );
      this.cities.set(seed.slug, city);
      for (const alias of seed.aliases ?? []) {
        await this.ensure(
          CityAlias,
          { name: alias.name },
          { name: alias.name, language: alias.language, city, source: this.source(alias.source) },
        );
      }
    }
  }

  private async loadOrganisations(): Promise<void> {
    for (const seed of this.data.organisations) {
      const organisation = await this.ensure(
        Organisation,
        { slug: seed.slug },
        {
          slug: seed.slug,
          name: seed.name,
          kind: seed.kind,
          description: seed.description ?? null,
          country: this.lookup(this.countries, seed.country, 'country'),
          city: seed.city ? this.lookup(this.cities, seed.city, 'city') : null,
          source: this.source(seed.source),
        },
      );
      this.organisations.set(seed.slug, organisation);
      if (seed.membership) {
        await this.ensure(
          Membership,
          { organisation },
          {
            organisation,
            listedAs: seed.membership.listedAs,
            listedUnder: seed.membership.listedUnder,
            note: seed.membership.note ?? null,
            source: this.source(seed.membership.source),
          },
        );
      }
    }
  }

  private async loadAssociation(): Promise<void> {
    const { seat, source, ...fields } = this.data.association;
    await this.ensure(
      Association,
      { name: fields.name },
      { ...fields, seat: this.lookup(this.cities, seat, 'city'), source: this.source(source) },
    );
    for (const seed of this.data.people) {
      const person = await this.ensure(
        Person,
        { slug: seed.slug },
        { slug: seed.slug, name: seed.name, source: this.source(seed.source) },
      );
      for (const title of seed.roles) {
        await this.ensure(AssociationRole, { title, person }, { title, person, source: this.source(seed.source) });
      }
    }
  }

  private async loadThemesAndTopics(): Promise<void> {
    for (const seed of this.data.themes) {
      this.themes.set(seed.slug, await this.ensure(Theme, { slug: seed.slug }, { ...seed, source: this.source(seed.source) }));
    }
    for (const seed of this.data.conferences) {
      const { topics, topicKind, hostCity, hostOrganisation, source, attendance, registration, publications, ...fields } =
        seed;
      const conference = await this.ensure(
        Conference,
        { year: seed.year },
        {
          ...fields,
          hostCity: hostCity ? this.lookup(this.cities, hostCity, 'city') : null,
          hostOrganisation: hostOrganisation ? this.lookup(this.organisations, hostOrganisation, 'organisation') : null,
          attendance: { approximate: false, ...attendance },
          registration: { ...registration },
          publications: { ...publications },
          source: this.source(source),
        },
      );
      this.conferences.set(seed.year, conference);
      for (const [index, topic] of topics.entries()) {
        await this.ensure(
          Topic,
          { conference, position: index + 1 },
          {
            conference,
            position: index + 1,
            wording: topic.wording,
            details: topic.details ?? null,
            kind: topicKind ?? TopicKind.KEY_TOPIC,
            theme: this.lookup(this.themes, topic.theme, 'theme'),
            source: this.source(source),
          },
        );
      }
    }
    for (const seed of this.data.workshops) {
      const workshop = await this.ensure(
        Workshop,
        { slug: seed.slug },
        { slug: seed.slug, title: seed.title, source: this.source(seed.source) },
      );
      await this.ensure(
        Topic,
        { workshop, position: 1 },
        {
          workshop,
          position: 1,
          wording: seed.title,
          kind: TopicKind.WORKSHOP_TOPIC,
          theme: this.lookup(this.themes, seed.theme, 'theme'),
          source: this.source(seed.source),
        },
      );
    }
  }

  private async loadPartnerships(): Promise<void> {
    for (const seed of this.data.partnerships) {
      const organisation = this.lookup(this.organisations, seed.organisation, 'organisation');
      const conference = seed.conference ? this.lookup(this.conferences, seed.conference, 'conference') : null;
      await this.ensure(
        Partnership,
        { organisation, kind: seed.kind, conference },
        { organisation, kind: seed.kind, conference, description: seed.description, source: this.source(seed.source) },
      );
    }
  }

  private async loadProjects(): Promise<void> {
    for (const seed of this.data.projects) {
      const project = await this.ensure(
        Project,
        { slug: seed.slug },
        {
          slug: seed.slug,
          name: seed.name,
          kind: seed.kind,
          description: seed.description,
          associationRole: seed.associationRole ?? null,
          presentedAt: seed.presentedAt ? this.lookup(this.projects, seed.presentedAt, 'project') : null,
          source: this.source(seed.source),
        },
      );
      this.projects.set(seed.slug, project);
      for (const participant of seed.participants ?? []) {
        const organisation = this.lookup(this.organisations, participant.organisation, 'organisation');
        await this.ensure(
          ProjectParticipation,
          { project, organisation },
          { project, organisation, role: participant.role, source: this.source(seed.source) },
        );
      }
    }
  }
}
