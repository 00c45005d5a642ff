import { buildClientSchema, getIntrospectionQuery, getNamedType, isCompositeType, isObjectType, type GraphQLField, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import type { WorldApi } from "./world-api.ts";

export type RootType = "Query" | "Mutation";

/** The schema the running API serves, read by introspection as any client would. */
export async function loadLiveSchema(api: WorldApi): Promise<GraphQLSchema> {
  const response = await api.graphql<IntrospectionQuery>(getIntrospectionQuery());
  if (!response.data) throw new Error(`introspection failed: ${JSON.stringify(response.errors)}`);
  return buildClientSchema(response.data);
}

/** Every root operation of the live schema, as `Query.frames`, `Mutation.createUser`, … */
export function rootOperations(schema: GraphQLSchema): string[] {
  const names: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (root) names.push(...Object.keys(root.getFields()).map((field) => `${root.name}.${field}`));
  }
  return names.sort();
}

function rootField(schema: GraphQLSchema, type: RootType, name: string): GraphQLField<unknown, unknown> {
  const root = type === "Query" ? schema.getQueryType() : schema.getMutationType();
  const field = root?.getFields()[name];
  if (!field) throw new Error(`${type}.${name} is not in the live schema`);
  return field;
}

/**
 * The document for one root field called with `variables` (each variable is the argument of the same
 * name, typed as the schema types it). Without a selection, composite results select `__typename`,
 * which tells a result union's success from its typed errors.
 */
export function buildOperation(schema: GraphQLSchema, type: RootType, name: string, variables: Record<string, unknown>, selection?: string): string {
  const field = rootField(schema, type, name);
  const args = field.args.filter((arg) => arg.name in variables);
  const unknown = Object.keys(variables).filter((key) => !field.args.some((arg) => arg.name === key));
  if (unknown.length) throw new Error(`${type}.${name} has no argument ${unknown.join(", ")}`);
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const picked = selection ?? (isCompositeType(getNamedType(field.type)) ? "{ __typename }" : "");
  return `${type.toLowerCase()} Matrix${declarations ? `(${declarations})` : ""} { ${name}${passed ? `(${passed})` : ""} ${picked} }`;
}

/** Names of the typed-error objects (those implementing the `Error` interface): a result union member that means "refused". */
export function errorTypeNames(schema: GraphQLSchema): Set<string> {
  const objects = Object.values(schema.getTypeMap()).filter(isObjectType);
  return new Set(objects.filter((type) => type.getInterfaces().some((face) => face.name === "Error")).map((type) => type.name));
}
