import { ApiKey, AuditEntry } from './access/access.entity';
import { Association } from './association/association.entity';
import { City, CityAlias } from './city/city.entity';
import { Attendance, Conference, Publications, Registration } from './conference/conference.entity';
import { Country } from './country/country.entity';
import { Membership, Organisation, Partnership } from './organisation/organisation.entity';
import { AssociationRole, Person, Talk } from './person/person.entity';
import { Project, ProjectParticipation } from './project/project.entity';
import { Source } from './source/source.entity';
import { Theme, Topic } from './theme/theme.entity';
import { Workshop } from './workshop/workshop.entity';

/** The one list of persisted classes (entities and embeddables) the ORM knows. */
export const entities = [
  Source,
  Association,
  AssociationRole,
  Person,
  Country,
  City,
  CityAlias,
  Organisation,
  Membership,
  Partnership,
  Conference,
  Attendance,
  Publications,
  Registration,
  Theme,
  Topic,
  Workshop,
  Talk,
  Project,
  ProjectParticipation,
  ApiKey,
  AuditEntry,
];
