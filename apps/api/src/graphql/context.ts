import type { ServiceContext } from "../service-context.ts";

/** Per-request GraphQL context: the service context (no loaders are shared across requests). */
export type GraphQLContext = ServiceContext;
