import { connectionTypeFor } from '../../common/connection';
import { Association } from './association.entity';

/** There is one association; the connection lets `Source` list it like every other provenanced kind. */
export const AssociationConnection = connectionTypeFor(Association);
