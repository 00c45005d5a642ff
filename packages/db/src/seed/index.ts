import { randomUUID } from "node:crypto";
import type { Role } from "../generated/prisma/enums.ts";
import type { Db } from "../client.ts";
import { hashPassword } from "../password.ts";

/**
 * Factories shared by the seed script and the tests. Every call makes unique rows
 * (emails, names), so tests can run concurrently and in any order.
 */
const unique = () => randomUUID().slice(0, 8);

export const DEFAULT_SEED_PASSWORD = "correct-horse-battery";

export async function seedUser(
  db: Db,
  options: { role?: Role; email?: string; name?: string; password?: string; deactivated?: boolean } = {},
) {
  const role = options.role ?? "LABELER";
  const email = options.email ?? `${role.toLowerCase()}-${unique()}@kao.test`;
  const password = options.password ?? DEFAULT_SEED_PASSWORD;
  const user = await db.user.create({
    data: {
      email,
      name: options.name ?? `${role[0]}${role.slice(1).toLowerCase()} ${email.split("@")[0]}`,
      role,
      passwordHash: await hashPassword(password),
      deactivatedAt: options.deactivated ? new Date() : null,
    },
  });
  return { ...user, password };
}

export async function seedDataset(
  db: Db,
  options: { name?: string; guidelines?: string; overlap?: number; members?: { id: string }[]; createdById?: string } = {},
) {
  return db.dataset.create({
    data: {
      name: options.name ?? `Dataset ${unique()}`,
      guidelines: options.guidelines ?? "# Face rules\n\n1. 50% or more of a face.\n2. Profiles count.\n3. Animal faces only with human features.",
      overlap: options.overlap ?? 1,
      createdById: options.createdById ?? null,
      members: { create: (options.members ?? []).map((member) => ({ userId: member.id })) },
    },
  });
}

export async function seedTitle(db: Db, options: { datasetId: string; name?: string }) {
  return db.title.create({ data: { datasetId: options.datasetId, name: options.name ?? `Title ${unique()}` } });
}

/** A frame row with made-up storage; for tests of queries, not of images. */
export async function seedFrame(db: Db, options: { datasetId: string; titleId: string; sha256?: string }) {
  return db.frame.create({
    data: {
      datasetId: options.datasetId,
      titleId: options.titleId,
      sourceName: `frame-${unique()}.jpg`,
      storageKey: `test/${unique()}.jpg`,
      sha256: options.sha256 ?? randomUUID().replace(/-/g, "").padEnd(64, "0"),
      width: 640,
      height: 360,
    },
  });
}
