import { BY_YEAR } from '../../common/ordering';
import type { City } from '../city/city.entity';
import { provenanceLink, type Domain } from '../domain';
import type { Organisation } from '../organisation/organisation.entity';
import { type Theme, Topic, TopicKind } from '../theme/theme.entity';
import { Attendance, Conference, Publications, Registration } from './conference.entity';
import { ConferenceConnection, ConferenceListArgs, conferenceWhere } from './conference.inputs';
import { ConferenceMutations } from './conference.mutations';
import { ConferenceResolver } from './conference.resolver';

/** The annual conferences, with their attendance, registration, publications and key topics. */
export const conferenceDomain: Domain = {
  name: 'conference',
  entities: [Conference, Attendance, Publications, Registration],
  resolvers: [ConferenceResolver, ConferenceMutations],
  async seed(seeding) {
    for (const seed of seeding.data.conferences) {
      const {
        topics,
        topicKind,
        hostCity,
        hostOrganisation,
        source,
        attendance,
        registration,
        publications,
        ...fields
      } = seed;
      const conference = await seeding.ensure(
        Conference,
        { year: seed.year },
        {
          ...fields,
          hostCity: hostCity ? seeding.lookup<City>('city', hostCity) : null,
          hostOrganisation: hostOrganisation ? seeding.lookup<Organisation>('organisation', hostOrganisation) : null,
          attendance: { approximate: false, ...attendance },
          registration: { ...registration },
          publications: { ...publications },
          source: seeding.source(source),
        },
      );
      seeding.remember('conference', seed.year, conference);
      for (const [index, topic] of topics.entries()) {
        await seeding.ensure(
          Topic,
          { conference, position: index + 1 },
          {
            conference,
            position: index + 1,
            wording: topic.wording,
            details: topic.details ?? null,
            kind: topicKind ?? TopicKind.KEY_TOPIC,
            theme: seeding.lookup<Theme>('theme', topic.theme),
            source: seeding.source(source),
          },
        );
      }
    }
  },
  provenance: [
    provenanceLink({
      field: 'conferences',
      description: 'Conferences taken from this document.',
      entity: Conference,
      connection: ConferenceConnection,
      listArgs: ConferenceListArgs,
      where: conferenceWhere,
      defaultOrder: BY_YEAR,
    }),
  ],
};
