import type { Platform } from "../platform.ts";
import type { ServiceContext } from "../service-context.ts";
import type { Loaders } from "./loaders.ts";

/** Per-request GraphQL context: the service context, storage and queue, and this request's own batch loaders. */
export interface GraphQLContext extends ServiceContext {
  platform: Platform;
  loaders: Loaders;
}
