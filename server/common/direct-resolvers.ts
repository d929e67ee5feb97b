import {
  GraphQLScalarType,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage, type ResolverData } from 'type-graphql';
import { notePlainField } from './read-columns';

/**
 * Resolver methods called straight from graphql-js, with their arguments converted and validated once per
 * operation and place in the document rather than once per parent.
 *
 * type-graphql wraps each resolver method in a function that, on every call, sorts its parameters, turns the
 * field's arguments into instances of their classes, validates them in a promise, waits for all parameters with
 * `Promise.all` and only then calls the method. For `countries(first: 20) { organisations(first: 20) {
 * conferencesHosted(first: 5) } }` that is once per organisation for the same arguments, and together it was
 * about a quarter of what such a read allocates. A field's arguments are what its node in the document and the
 * operation's variables make them, so here they are converted and validated when a node is first resolved in
 * an operation and shared by every parent after it (a failure is not kept: each parent meets it again).
 *
 * Fields that are plain properties of their object (`id`, `name`) are read as they are, without the middleware
 * chain (empty here) type-graphql runs them through. Methods of resolver classes and getters or methods of object
 * types are called this way when their parameters are of the plain kinds (root, arguments, context, info) and
 * they have neither middlewares nor roles. The rest (the `@Authorized` mutations and queries) keep type-graphql's
 * resolver, which checks roles before anything else. The conversion follows
 * type-graphql's: every input object becomes an instance of its input class (inherited fields included), lists
 * item by item, any other value as it is.
 */
export function callResolversDirectly(
  schema: GraphQLSchema,
  buildOptions: Omit<Parameters<Storage['build']>[0], 'resolvers'> & { resolvers: readonly Function[] },
  instances: ResolverInstances,
  validate: ValidateArgument,
): void {
  // The metadata as type-graphql's schema generator builds it for these options: its own copy, in which the
  // handlers a resolver class inherits (a domain's `source` field from `provenanceResolverFor`) are its own.
  const storage = getMetadataStorage().clone();
  const resolverClasses = buildOptions.resolvers;
  storage.build({ ...buildOptions, resolvers: [...resolverClasses] });
  const inResolverClasses = (handler: { target: Function }) => resolverClasses.includes(handler.target);
  const fieldOf = (typeName: string | undefined, fieldName: string) => {
    const type = typeName ? schema.getType(typeName) : undefined;
    return isObjectType(type) ? type.getFields()[fieldName] : undefined;
  };
  const replace = (field: GraphQLField<unknown, object> | undefined, resolver: Resolver | undefined) => {
    if (field && resolver) field.resolve = resolver;
  };
  const onInstance = (handler: HandlerMetadata) => {
    const instance = instances.get(handler.target);
    return () => instance;
  };
  for (const query of storage.queries.filter(inResolverClasses))
    replace(fieldOf(schema.getQueryType()?.name, query.schemaName), directResolver(query, onInstance(query), validate));
  for (const mutation of storage.mutations.filter(inResolverClasses))
    replace(
      fieldOf(schema.getMutationType()?.name, mutation.schemaName),
      directResolver(mutation, onInstance(mutation), validate),
    );

  // Each object type's fields and the field resolver type-graphql gave each one, found as its schema generator
  // finds them: those of its super classes, overridden by those of the interfaces it implements, overridden by
  // its own.
  const fieldResolvers = storage.fieldResolvers.filter(
    (resolver) => resolver.kind === 'internal' || inResolverClasses(resolver),
  );
  const objectTypeOf = (target: Function) => storage.objectTypes.find((type) => type.target === target);
  const fieldsOfType = (objectType: ObjectClassMetadata): FieldMetadata[] => {
    const superClass = objectTypeOf(Object.getPrototypeOf(objectType.target));
    const interfaceFields = storage.interfaceTypes
      .filter((type) => objectType.interfaceClasses?.includes(type.target))
      .flatMap((type) => type.fields ?? []);
    const byName = new Map<string, FieldMetadata>();
    for (const field of [
      ...(superClass ? fieldsOfType(superClass) : []),
      ...interfaceFields,
      ...(objectType.fields ?? []),
    ])
      byName.set(field.schemaName, field);
    return [...byName.values()];
  };
  for (const objectType of storage.objectTypes) {
    for (const field of fieldsOfType(objectType)) {
      const schemaField = fieldOf(objectType.name, field.schemaName);
      const handler = fieldResolvers.find(
        (candidate) => candidate.getObjectType?.() === field.target && candidate.methodName === field.name,
      );
      if (!handler) {
        notePlainField(objectType.name, objectType.target, field.schemaName, field.name);
        // A plain property: type-graphql's resolver reads it through its (empty) middleware chain.
        if (schemaField?.resolve && !field.middlewares?.length && field.roles === undefined) {
          const property = field.name;
          replace(schemaField, (root) => (root as Record<string, unknown>)[property]);
        }
      } else if (handler.kind === 'external') {
        replace(schemaField, directResolver(handler, onInstance(handler), validate));
      } else {
        // A getter or method of the object type's class, called on the parent as an object of that class.
        const objectClass = field.target;
        replace(
          schemaField,
          directResolver(handler, (root) => asInstanceOf(objectClass, root) as object, validate),
        );
      }
    }
  }
}

type Resolver = GraphQLFieldResolver<unknown, object>;
type Storage = ReturnType<typeof getMetadataStorage>;
type HandlerMetadata = Storage['queries'][number] | Storage['fieldResolvers'][number];
type ParamMetadata = NonNullable<HandlerMetadata['params']>[number];
type ArgumentParam = Extract<ParamMetadata, { kind: 'arg' | 'args' }>;
type ClassMetadata = Storage['inputTypes'][number];
type ObjectClassMetadata = Storage['objectTypes'][number];
type FieldMetadata = NonNullable<ClassMetadata['fields']>[number];

/** The validation every argument value gets (`validateFn` of type-graphql's build options). */
export type ValidateArgument = (
  value: unknown,
  type: unknown,
  resolverData: ResolverData<object>,
) => void | Promise<void>;

/** The one instance of each resolver class, shared with type-graphql (its `container`) and the direct calls. */
export class ResolverInstances {
  private readonly instances = new Map<Function, object>();

  get(resolverClass: Function): object {
    let instance = this.instances.get(resolverClass);
    if (!instance) {
      instance = new (resolverClass as new () => object)();
      this.instances.set(resolverClass, instance);
    }
    return instance;
  }
}

const PLAIN_KINDS = new Set<ParamMetadata['kind']>(['root', 'args', 'arg', 'context', 'info']);

/** What a resolver's parameters are read from: its parent, the context, the info and its converted arguments. */
type CallInput = [root: unknown, context: object, info: ResolverData<object>['info'], argumentValues: unknown[]];
/** One parameter's value, read from a call's input. */
type ParameterValue = (...input: CallInput) => unknown;
const NO_ARGUMENTS: unknown[] = [];

/**
 * The resolver of one handler: `receiver` gives the object whose method (or getter) it is, the resolver class's
 * instance or the parent itself; undefined where type-graphql's own must stay.
 */
function directResolver(
  handler: HandlerMetadata,
  receiver: (root: unknown) => object,
  validate: ValidateArgument,
): Resolver | undefined {
  const params = [...(handler.params ?? [])].sort((a, b) => a.index - b.index);
  if ((handler.middlewares?.length ?? 0) > 0 || handler.roles !== undefined) return undefined;
  if (!params.every((param) => PLAIN_KINDS.has(param.kind))) return undefined;
  const name = handler.methodName;

  const argumentParams = params.filter(
    (param): param is ArgumentParam => param.kind === 'arg' || param.kind === 'args',
  );
  // Each parameter's value, worked out once per handler rather than once per call.
  let nextArgument = 0;
  const parameterValues = params.map((param): ParameterValue => {
    switch (param.kind) {
      case 'root': {
        const { propertyName, getType } = param;
        if (!propertyName && !getType) return (root) => root;
        return (root) => {
          const value = propertyName ? (root as Record<string, unknown>)[propertyName] : root;
          return getType ? asInstanceOf(getType(), value) : value;
        };
      }
      case 'context': {
        const { propertyName } = param;
        return propertyName
          ? (_root, context) => (context as Record<string, unknown>)[propertyName]
          : (_root, context) => context;
      }
      case 'info':
        return (_root, _context, info) => info;
      default: {
        const index = nextArgument++;
        return (_root, _context, _info, argumentValues) => argumentValues[index];
      }
    }
  });
  const [first, second, third] = parameterValues;
  // The common arities are called without an array of values per call (a nested query makes thousands of calls).
  const call: ParameterValue = (root, context, info, argumentValues) => {
    const target = receiver(root) as Record<string, unknown>;
    const member = target[name];
    if (typeof member !== 'function') return member;
    switch (parameterValues.length) {
      case 0:
        return member.call(target);
      case 1:
        return member.call(target, first(root, context, info, argumentValues));
      case 2:
        return member.call(
          target,
          first(root, context, info, argumentValues),
          second(root, context, info, argumentValues),
        );
      case 3:
        return member.call(
          target,
          first(root, context, info, argumentValues),
          second(root, context, info, argumentValues),
          third(root, context, info, argumentValues),
        );
      default:
        return member.apply(
          target,
          parameterValues.map((value) => value(root, context, info, argumentValues)),
        );
    }
  };
  if (argumentParams.length === 0) return (root, _args, context, info) => call(root, context, info, NO_ARGUMENTS);

  const prepared = new WeakMap<object, WeakMap<object, unknown[] | Promise<unknown[]>>>();
  return (root, args, context, info) => {
    let byNode = prepared.get(info.variableValues);
    if (!byNode) {
      byNode = new WeakMap();
      prepared.set(info.variableValues, byNode);
    }
    let values = byNode.get(info.fieldNodes[0]);
    if (!values) {
      const converted = argumentParams.map((param) =>
        param.kind === 'args' ? argsInstance(param, args) : convertValue(param.getType(), args[param.name]),
      );
      const checks = argumentParams.map((param, index) =>
        validate(converted[index], param.getType(), { root, args, context, info }),
      );
      values = checks.some((check) => check instanceof Promise) ? Promise.all(checks).then(() => converted) : converted;
      const node = info.fieldNodes[0];
      const shared = byNode;
      shared.set(node, values);
      // Once checked, the values are kept as they are (no promise to wait for); a failure is not kept.
      if (values instanceof Promise)
        values.then(
          () => shared.set(node, converted),
          () => shared.delete(node),
        );
    }
    return values instanceof Promise
      ? values.then((ready) => call(root, context, info, ready))
      : call(root, context, info, values);
  };
}

/** A field's whole arguments as one object of its @ArgsType class (fields of its super classes included). */
function argsInstance(param: ArgumentParam, args: Record<string, unknown>): unknown {
  const argsClass = param.getType() as Function;
  const values: Record<string, unknown> = {};
  for (const field of fieldsOf(getMetadataStorage().argumentTypes, argsClass))
    if (args[field.name] !== undefined) values[field.name] = convertValue(field.getType(), args[field.name]);
  return asInstanceOf(argsClass, values);
}

/** A value as type-graphql hands it to resolvers: input objects as instances of their input classes, however deep. */
function convertValue(type: unknown, value: unknown): unknown {
  if (value == null) return value;
  if (Array.isArray(value)) return value.map((item) => convertValue(type, item));
  const inputType = typeof type === 'function' ? inputTypeOf(type) : undefined;
  if (!inputType || typeof value !== 'object') return asInstanceOf(type, value);
  const fields: Record<string, unknown> = {};
  for (const field of fieldsOf(getMetadataStorage().inputTypes, inputType)) {
    const fieldValue = (value as Record<string, unknown>)[field.name];
    if (fieldValue !== undefined) fields[field.name] = convertValue(field.getType(), fieldValue);
  }
  return asInstanceOf(type, fields);
}

const inputTypes = new Map<Function, Function | null>();
function inputTypeOf(type: Function): Function | undefined {
  let known = inputTypes.get(type);
  if (known === undefined) {
    known = getMetadataStorage().inputTypes.some((input) => input.target === type) ? type : null;
    inputTypes.set(type, known);
  }
  return known ?? undefined;
}

/** A class's fields and those it inherits (its own first, where both declare one). */
const classFields = new Map<Function, FieldMetadata[]>();
function fieldsOf(declared: ClassMetadata[], type: Function): FieldMetadata[] {
  let fields = classFields.get(type);
  if (!fields) {
    fields = [];
    const names = new Set<string>();
    for (let current: Function | null = type; current && current.prototype; current = Object.getPrototypeOf(current)) {
      const own = declared.find((metadata) => metadata.target === current)?.fields ?? [];
      for (const field of own) {
        if (names.has(field.name)) continue;
        names.add(field.name);
        fields.push(field);
      }
    }
    classFields.set(type, fields);
  }
  return fields;
}

const SIMPLE_CONSTRUCTORS: unknown[] = [String, Boolean, Number, Date, Array, Promise];

/** type-graphql's `convertToType`: an object of the class, its fields copied in, unless it is one already. */
function asInstanceOf(type: unknown, value: unknown): unknown {
  if (value == null || typeof type !== 'function' || type instanceof GraphQLScalarType) return value;
  if (SIMPLE_CONSTRUCTORS.includes((value as object).constructor) || value instanceof type) return value;
  if (Array.isArray(value)) return value.map((item) => asInstanceOf(type, item));
  const instance = new (type as new () => Record<string, unknown>)();
  // Fields the class initialises to undefined and the value leaves out stay absent, as in type-graphql.
  for (const key of Object.keys(instance))
    if (instance[key] === undefined && !(key in (value as object))) delete instance[key];
  return Object.assign(instance, value);
}
