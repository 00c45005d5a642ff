import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import ErrorsPlugin from "@pothos/plugin-errors";
import RelayPlugin from "@pothos/plugin-relay";
import { AppError, ErrorCode } from "../errors.ts";
import type { GraphQLContext } from "./context.ts";

const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const QUERY_LIMITS = { depth: 10, breadth: 200, complexity: 5000 } as const;

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ErrorsPlugin, RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  errors: {
    defaultTypes: [],
    // `createUser` → `CreateUserResult = CreateUserSuccess | ValidationError | …`
    defaultResultOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: QUERY_LIMITS,
    complexityError: (kind, result) => {
      const name = kind.toLowerCase() as "depth" | "breadth" | "complexity";
      const max = { depth: result.maxDepth, breadth: result.maxBreadth, complexity: result.maxComplexity }[name];
      return new AppError(ErrorCode.QUERY_TOO_COMPLEX, `Query ${name} ${result[name]} is over the limit of ${max}.`, { kind: name });
    },
  },
});

builder.queryType({});
builder.mutationType({});

builder.scalarType("DateTime", {
  description: "An ISO-8601 timestamp in UTC.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new AppError(ErrorCode.BAD_USER_INPUT, "Not a valid DateTime.");
    // JavaScript dates reach ±275,760 years and year 0, which Postgres timestamps refuse (found by fuzzing).
    const year = date.getUTCFullYear();
    if (year < 1 || year > 9999) throw new AppError(ErrorCode.BAD_USER_INPUT, "A DateTime must fall in the years 1 to 9999.");
    return date;
  },
});

