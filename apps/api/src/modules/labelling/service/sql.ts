import { Prisma } from "@kao/db";

/**
 * The database's clock as a UTC `timestamp(3)`, the way Prisma stores DateTime: lease expiry is
 * compared on one clock however many API processes run, and whatever the server's time zone.
 */
export const NOW_UTC = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Options for labelling transactions: under load they queue for a pooled connection. */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 60_000 } as const;
