import type { ApolloServerPlugin } from '@apollo/server';
import {
  isAbstractType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { RowReader } from './rows';

/**
 * Which properties of each entity a query reads: those its document selects as fields, and no others.
 *
 * A record type's fields are of two kinds. A plain field (`name`, `description`, `attendance`) is the record's
 * property of that name. Every other field, a getter such as `id` or a field resolver such as `country` or
 * `conferencesHosted`, reads from its record only the record's id and its to-one references (the keys the loaders
 * follow). That is the rule the read path rests on, and the record enforces it: a record read with a selection
 * throws when code reads a property that was not read (see `RowReader`), so a resolver that breaks it fails
 * loudly in the tests, never by answering null.
 *
 * So the columns a query needs are its entities' ids and to-one keys, the columns of the plain fields its document
 * selects on their types (through fragments, and on interfaces for every type that implements them), and what its
 * lists are ordered by (added where the statement is built). The hand-written baseline reads only the columns its
 * schema has; reading every column of every row cost the nested query a quarter of its CPU time (an A/B run),
 * in text the network carries and the driver decodes, and timestamps parsed for nobody.
 *
 * Only queries: a mutation reads whole records (its rules may look at any property), and so do the routes
 * outside GraphQL (exports, the explorer).
 */

/** For each GraphQL object type backed by a class: the class, and its plain fields (field name → property). */
const plainFields = new Map<string, { recordClass: Function; fields: Map<string, string> }>();

/** Notes that `typeName.fieldName` is the property `property` of `recordClass` objects (see direct-resolvers.ts). */
export function notePlainField(typeName: string, recordClass: Function, fieldName: string, property: string): void {
  let type = plainFields.get(typeName);
  if (!type) {
    type = { recordClass, fields: new Map() };
    plainFields.set(typeName, type);
  }
  type.fields.set(fieldName, property);
}

/** Properties of records that fields other than plain ones read, by `Type.field` (see `fieldAlsoReads`). */
const otherReads = new Map<string, Array<{ recordClass: Function; properties: readonly string[] }>>();

/**
 * Declares that the field `typeName.fieldName` reads `properties` of `recordClass` records (its parent's or others
 * it loads) beyond ids and to-one references, e.g. `Organisation.isMember` reads its membership's `status`:
 * wherever a document selects the field, those properties are read too. Declared beside the resolver.
 */
export function fieldAlsoReads(
  typeName: string,
  fieldName: string,
  recordClass: Function,
  properties: readonly string[],
): void {
  const key = `${typeName}.${fieldName}`;
  const reads = otherReads.get(key) ?? [];
  if (!reads.some((read) => read.recordClass === recordClass)) reads.push({ recordClass, properties });
  otherReads.set(key, reads);
}

/**
 * The properties a document selects, by record class. A class the document selects nothing on is absent: its
 * records, if any are read, are read whole.
 */
export type ReadSelection = ReadonlyMap<Function, ReadonlySet<string>>;

const selections = new WeakMap<DocumentNode, ReadSelection>();
/** What else each selection's document selects: see `fieldsSelectedWith` and `countsSelectedWith`. */
const alsoSelected = new WeakMap<
  ReadSelection,
  { fields: ReadonlyMap<Function, ReadonlySet<string>>; counted: ReadonlySet<string> }
>();

/**
 * The names of the connection types (e.g. `OrganisationConnection`) whose `totalCount` the document of `selection`
 * selects anywhere: their top-level pages read the count in the page's statement. Undefined for a selection
 * `readSelection` did not make.
 */
export function countsSelectedWith(selection: ReadSelection): ReadonlySet<string> | undefined {
  return alsoSelected.get(selection)?.counted;
}

/**
 * The names of every field (plain or not) the document of `selection` selects on each record class, e.g.
 * `hostCity` on Conference: what the row reader reads a to-one reference's record beside its own for (see
 * `RowReader`). Undefined for a selection `readSelection` did not make.
 */
export function fieldsSelectedWith(selection: ReadSelection): ReadonlyMap<Function, ReadonlySet<string>> | undefined {
  return alsoSelected.get(selection)?.fields;
}

/**
 * The properties `document` selects on each record class (every operation and fragment in it: a superset of what
 * any one operation reads). Worked out once per parsed document; Apollo keeps a query's parsed document, so
 * repeated queries find it here.
 */
export function readSelection(schema: GraphQLSchema, document: DocumentNode): ReadSelection {
  let selection = selections.get(document);
  if (selection) return selection;
  const found = new Map<Function, Set<string>>();
  const fields = new Map<Function, Set<string>>();
  const counted = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const propertiesOf = (recordClass: Function) => {
    let properties = found.get(recordClass);
    if (!properties) {
      properties = new Set();
      found.set(recordClass, properties);
    }
    return properties;
  };
  const select = (type: GraphQLObjectType, fieldName: string) => {
    for (const read of otherReads.get(`${type.name}.${fieldName}`) ?? [])
      for (const property of read.properties) propertiesOf(read.recordClass).add(property);
    const plain = plainFields.get(type.name);
    if (!plain) return;
    let named = fields.get(plain.recordClass);
    if (!named) fields.set(plain.recordClass, (named = new Set()));
    named.add(fieldName);
    const properties = propertiesOf(plain.recordClass);
    const property = plain.fields.get(fieldName);
    if (property) properties.add(property);
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        const types = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent as GraphQLObjectType];
        for (const type of types) {
          select(type, node.name.value);
          if (node.name.value === 'totalCount') counted.add(type.name);
        }
      },
    }),
  );
  selection = found;
  selections.set(document, selection);
  alsoSelected.set(selection, { fields, counted });
  return selection;
}

/** Gives each query's row reader the properties its document selects, once the operation is known. */
export function readColumnsPlugin<Context extends { rows: RowReader }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, contextValue }) {
          if (operation?.operation === 'query') contextValue.rows.readOnly(readSelection(schema, document));
        },
      };
    },
  };
}
