import type { ServiceContext } from "../service-context.ts";
import type { Loaders } from "./loaders.ts";

/** Per-request GraphQL context: the service context plus this request's own batch loaders. */
export interface GraphQLContext extends ServiceContext {
  loaders: Loaders;
}
