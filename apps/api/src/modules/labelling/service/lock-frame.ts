import type { Prisma } from "@kao/db";

/** Takes a frame's row lock for the rest of the transaction: labels and consensus change under it. */
export async function lockFrame(tx: Prisma.TransactionClient, frameId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Frame" WHERE id = ${frameId}::uuid FOR UPDATE`;
}
