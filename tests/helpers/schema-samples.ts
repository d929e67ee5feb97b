import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';

/**
 * A value of the type that GraphQL accepts (well-typed, not necessarily valid for the API): required fields only,
 * the first enum value, a one-item list.
 */
export function sampleValue(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sampleValue(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    return Object.fromEntries(
      Object.values(inner.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  if (isScalarType(inner)) {
    return (
      { Int: 2030, Float: 1.5, Boolean: true, LocalDate: '2030-01-01', DateTime: '2030-01-01T00:00:00Z' }[inner.name] ??
      'sample'
    );
  }
  throw new Error(`no sample for ${String(type)}`);
}
