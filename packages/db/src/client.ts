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

/**
 * How long an interactive transaction waits for a pooled connection. Prisma's default, 2 s, turned
 * queueing into failures: with 50 labellers, an import and a training job on 2 busy cores,
 * createDataset failed with "Unable to start a transaction in the given time" (bench/load.ts). The
 * labelling module already waited 15 s; every other transaction now does too. Running time is
 * still limited by Prisma's `timeout` (5 s unless a call sets its own).
 */
const TRANSACTION_MAX_WAIT_MS = 15_000;

export function createPrismaClient(options: { connectionString: string; max?: number }) {
  const adapter = new PrismaPg({ connectionString: options.connectionString, max: options.max ?? 10 });
  return new PrismaClient({ adapter, omit: omitSecrets, transactionOptions: { maxWait: TRANSACTION_MAX_WAIT_MS } });
}

export type Db = ReturnType<typeof createPrismaClient>;
