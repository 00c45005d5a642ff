export { createApiServer, type ApiServer, type ApiServerOptions } from "./server.ts";
export { systemViewer, type Viewer } from "./viewer.ts";
export type { ServiceContext } from "./service-context.ts";
export type { Platform } from "./platform.ts";
export { createUser } from "./modules/users/service/create-user.ts";
export { resetUserPassword } from "./modules/users/service/reset-password.ts";
export { createApiTokenForUser } from "./modules/tokens/service/create-api-token.ts";
export { DEFAULT_GUIDELINES } from "./modules/datasets/service/contracts.ts";
export { ErrorCode } from "./errors.ts";
