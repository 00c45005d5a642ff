import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "@kao/db";
import { createLocalStorage } from "@kao/storage";
import { seedDataset, seedFrame, seedTitle, seedUser } from "@kao/db/seed";
import { QUEUES, startWorker } from "@kao/worker";

let db: Db;
let worker: Awaited<ReturnType<typeof startWorker>>;
let root: string;

beforeAll(async () => {
  db = createPrismaClient({ connectionString: inject("databaseUrl"), max: 3 });
  root = await mkdtemp(path.join(tmpdir(), "kao-worker-"));
  worker = await startWorker({ db, connectionString: inject("databaseUrl"), storage: createLocalStorage({ root }), poolSize: 2 });
});
afterAll(async () => {
  await worker.stop();
  await db.$disconnect();
  await rm(root, { recursive: true, force: true });
});

async function waitForJob(id: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await worker.boss.getJobById<object>(QUEUES.maintenance, id);
    if (job && ["completed", "failed"].includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`job ${id} did not finish`);
}

describe("worker", () => {
  it("runs queued maintenance jobs from Postgres: expired leases go, live ones stay", async () => {
    const labeller = await seedUser(db);
    const dataset = await seedDataset(db, { members: [labeller] });
    const title = await seedTitle(db, { datasetId: dataset.id });
    const [stale, live] = await Promise.all([seedFrame(db, { datasetId: dataset.id, titleId: title.id }), seedFrame(db, { datasetId: dataset.id, titleId: title.id })]);
    await db.frameLease.create({ data: { frameId: stale.id, userId: labeller.id, expiresAt: new Date(Date.now() - 60_000) } });
    await db.frameLease.create({ data: { frameId: live.id, userId: labeller.id, expiresAt: new Date(Date.now() + 600_000) } });

    const id = await worker.boss.send(QUEUES.maintenance, {});
    expect(id).toBeTruthy();
    const job = await waitForJob(id ?? "");
    expect(job.state).toBe("completed");

    const leases = await db.frameLease.findMany({ where: { userId: labeller.id } });
    expect(leases.map((lease) => lease.frameId)).toEqual([live.id]);
  });

  it("removes uploads nobody imported after a day, with their files", async () => {
    const dataset = await seedDataset(db);
    const storage = createLocalStorage({ root });
    const make = async (ageMs: number) => {
      const id = crypto.randomUUID();
      const storageKey = `uploads/${dataset.id}/${id}`;
      await storage.put(storageKey, Buffer.from("x"));
      await db.upload.create({ data: { id, datasetId: dataset.id, fileName: "a.png", kind: "IMAGE", size: 1n, sha256: "0".repeat(64), storageKey, createdAt: new Date(Date.now() - ageMs) } });
      return storageKey;
    };
    const old = await make(25 * 3600_000);
    const fresh = await make(60_000);
    const id = await worker.boss.send(QUEUES.maintenance, {});
    expect((await waitForJob(id ?? "")).state).toBe("completed");
    expect(await db.upload.count({ where: { datasetId: dataset.id } })).toBe(1);
    expect(await storage.exists(old)).toBe(false);
    expect(await storage.exists(fresh)).toBe(true);
  });

  it("keeps the schedule in Postgres so it survives restarts", async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules.map((s) => s.name)).toContain(QUEUES.maintenance);
  });
});
