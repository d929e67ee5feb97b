import { BY_CREATION, BY_NAME, BY_TITLE } from '../../common/ordering';
import { provenanceLink, type Domain } from '../domain';
import { AssociationRole, Person, Talk } from './person.entity';
import {
  AssociationRoleConnection,
  AssociationRoleListArgs,
  PersonConnection,
  PersonListArgs,
  TalkConnection,
  TalkListArgs,
  associationRoleWhere,
  personWhere,
  talkWhere,
} from './person.inputs';
import { PersonMutations } from './person.mutations';
import { AssociationRoleResolver, PersonResolver, TalkResolver } from './person.resolver';

/** People: the association's office holders and the speakers of talks. */
export const personDomain: Domain = {
  name: 'person',
  entities: [Person, AssociationRole, Talk],
  resolvers: [PersonResolver, AssociationRoleResolver, TalkResolver, PersonMutations],
  async seed(seeding) {
    for (const seed of seeding.data.people) {
      const source = seeding.source(seed.source);
      const person = await seeding.ensure(Person, { slug: seed.slug }, { slug: seed.slug, name: seed.name, source });
      for (const title of seed.roles)
        await seeding.ensure(AssociationRole, { title, person }, { title, person, source });
    }
  },
  provenance: [
    provenanceLink({
      field: 'people',
      description: 'People taken from this document.',
      entity: Person,
      connection: PersonConnection,
      listArgs: PersonListArgs,
      where: personWhere,
      defaultOrder: BY_NAME,
    }),
    provenanceLink({
      field: 'associationRoles',
      description: "The association's offices and their holders taken from this document.",
      entity: AssociationRole,
      connection: AssociationRoleConnection,
      listArgs: AssociationRoleListArgs,
      where: associationRoleWhere,
      defaultOrder: BY_TITLE,
    }),
    provenanceLink({
      field: 'talks',
      description: 'Talks taken from this document.',
      entity: Talk,
      connection: TalkConnection,
      listArgs: TalkListArgs,
      where: talkWhere,
      defaultOrder: BY_CREATION,
    }),
  ],
};
