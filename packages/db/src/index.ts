export { createPrismaClient, type Db } from "./client.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
export * from "./generated/prisma/enums.ts";
export { isUniqueViolation, isNotFound } from "./errors.ts";
