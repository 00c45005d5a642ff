import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Secret columns never leave the database unless a query asks for them by name
 * (`omit: { passwordHash: false }`), so a careless `findMany` cannot leak them.
 */
const omitSecrets = {
  user: { passwordHash: true },
  apiToken: { tokenHash: true },
} as const;

export function createPrismaClient(options: { connectionString: string; max?: number }) {
  const adapter = new PrismaPg({ connectionString: options.connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter, omit: omitSecrets });
}

export type Db = ReturnType<typeof createPrismaClient>;
