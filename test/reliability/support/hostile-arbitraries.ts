import fc from "fast-check";
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  getNamedType,
  isLeafType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";

/** Strings attackers and broken clients send: control characters, traversal, injection, odd Unicode, sheer size. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uFEFF\u202E\u200B",
  "😀".repeat(50),
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2f",
  "/etc/shadow",
  "' OR 1=1 --",
  "\"; DROP TABLE \"User\"; --",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "{{7*7}}",
  "__proto__",
  "constructor",
  "NaN",
  "-1",
  "9".repeat(400),
  "x".repeat(100_000),
] as const;

/**
 * Argument values for fuzzing, from the schema's own input types: mostly the right type (so requests get
 * past coercion into the resolvers and services), with the hostile strings above, ids of real rows,
 * out-of-range numbers, and now and then a value of the wrong type or a null where none is allowed.
 */
export function inputArbitrary(type: GraphQLInputType, ids: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return fc.oneof({ arbitrary: inputArbitrary(type.ofType, ids, depth), weight: 20 }, { arbitrary: fc.constant(null), weight: 1 });
  }
  if (isListType(type)) {
    const item = inputArbitrary(type.ofType, ids, depth + 1);
    return fc.oneof({ arbitrary: fc.array(item, { maxLength: depth > 1 ? 1 : 4 }), weight: 10 }, { arbitrary: item, weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    return fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 10 }, { arbitrary: fc.string(), weight: 1 });
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record = Object.fromEntries(fields.map((field) => [field.name, inputArbitrary(field.type, ids, depth + 1)]));
    const requiredKeys = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    return fc.oneof({ arbitrary: fc.record(record, { requiredKeys }), weight: 20 }, { arbitrary: fc.string(), weight: 1 });
  }
  if (isScalarType(type)) return scalarArbitrary(type.name, ids);
  throw new Error(`no arbitrary for input type ${String(type)}`);
}

const anyString = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ minLength: 1000, maxLength: 5000 }), weight: 1 },
);

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const smallInt = fc.integer({ min: -5, max: 300 });

function scalarArbitrary(name: string, ids: readonly string[]): fc.Arbitrary<unknown> {
  const wrongType = fc.oneof(fc.boolean(), fc.object({ maxDepth: 1 }), fc.double());
  switch (name) {
    case "ID":
      return fc.oneof(
        { arbitrary: fc.constantFrom(...ids), weight: 6 },
        { arbitrary: fc.uuid(), weight: 3 },
        { arbitrary: anyString, weight: 3 },
        { arbitrary: fc.integer(), weight: 1 },
      );
    case "String":
      return fc.oneof({ arbitrary: anyString, weight: 12 }, { arbitrary: wrongType, weight: 1 });
    case "Int":
      return fc.oneof(
        { arbitrary: smallInt, weight: 6 },
        { arbitrary: int32, weight: 3 },
        { arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e300, 0.5), weight: 1 },
        { arbitrary: anyString, weight: 1 },
      );
    case "Float":
      return fc.oneof({ arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 6 }, { arbitrary: fc.constantFrom(1e308, -1e308, 5e-324), weight: 1 }, { arbitrary: anyString, weight: 1 });
    case "Boolean":
      return fc.oneof({ arbitrary: fc.boolean(), weight: 10 }, { arbitrary: fc.constantFrom(0, "true", {}), weight: 1 });
    case "DateTime":
      return fc.oneof(
        { arbitrary: fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((date) => date.toISOString()), weight: 6 },
        { arbitrary: anyString, weight: 2 },
        { arbitrary: fc.integer(), weight: 1 },
      );
    default:
      throw new Error(`no arbitrary for scalar ${name}: add one`);
  }
}

/** `query|mutation($a: T, …) { field(a: $a, …) { __typename } }` for one root field. */
export function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return `${kind}${variables ? `(${variables})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
}

/** Every root field that takes arguments, as `[kind, field]`. */
export function rootFieldsWithArgs(schema: GraphQLSchema) {
  const roots = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const;
  return roots.flatMap(([kind, type]) => Object.values(type?.getFields() ?? {}).filter((field) => field.args.length > 0).map((field) => [kind, field] as const));
}

/** Variables for one call of `field`: each argument may be left out when it is nullable. */
export function variablesArbitrary(field: GraphQLField<unknown, unknown>, ids: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const record = Object.fromEntries(field.args.map((arg) => [arg.name, inputArbitrary(arg.type, ids)]));
  return fc.record(record, { requiredKeys: field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => arg.name) });
}
