import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import { createPrismaClient, type Db } from "@kao/db";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { TEST_SESSION_SECRET } from "../support/api.ts";
import { freePort } from "../support/free-port.ts";
import { eventually } from "../support/import.ts";
import { startApiProcess, type AppProcess } from "./support/processes.ts";
import { startRestartablePostgres, type RestartablePostgres } from "./support/postgres.ts";

// Postgres is stopped and started again under a running API process while labellers keep asking for
// frames and submitting decisions over HTTP. Every decision a client saw accepted must be stored, once.

const NEXT_FRAMES = `query($datasetId: ID!, $count: Int) { nextFrames(datasetId: $datasetId, count: $count) { frame { id } } }`;
const SUBMIT = `mutation($datasetId: ID!, $decisions: [LabelDecisionInput!]!) {
  submitLabels(datasetId: $datasetId, decisions: $decisions) { accepted { frameId label } rejected { frameId code message } }
}`;
const LABELLERS = 4;
const FRAMES = 3000;

type Label = "FACE" | "NO_FACE";
interface Outage {
  userId: string;
  status: number;
  body: string;
}
interface Labeller {
  userId: string;
  token: string;
  /** frameId → the label the API said it accepted. */
  accepted: Map<string, Label>;
  rejected: { frameId: string; code: string }[];
}

let pg: RestartablePostgres;
let db: Db;
let api: (AppProcess & { origin: string }) | undefined;
let dataDir: string;

beforeAll(async () => {
  pg = await startRestartablePostgres();
  dataDir = await mkdtemp(path.join(tmpdir(), "kao-faults-pg-"));
  db = createPrismaClient({ connectionString: pg.connectionString, max: 2 });
});
afterAll(async () => {
  await api?.kill();
  await db?.$disconnect();
  await pg?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("Postgres restarted while labellers submit", () => {
  it("answers 503 SERVICE_UNAVAILABLE during the outage, recovers without a restart, and loses or duplicates no decision", async () => {
    const users = await Promise.all(Array.from({ length: LABELLERS }, () => seedUser(db, { role: "LABELER" })));
    const dataset = await seedDataset(db, { overlap: 1, members: users });
    const title = await seedTitle(db, { datasetId: dataset.id });
    await db.frame.createMany({
      data: Array.from({ length: FRAMES }, (_, i) => ({
        datasetId: dataset.id,
        titleId: title.id,
        sourceName: `f${i}.jpg`,
        storageKey: `test/${i}.jpg`,
        sha256: randomBytes(32).toString("hex"),
        width: 64,
        height: 36,
      })),
    });
    const labellers: Labeller[] = [];
    for (const user of users) {
      const { token } = await createApiTokenForUser({ db, viewer: systemViewer, ip: "test" }, user.id, { name: "faults" });
      labellers.push({ userId: user.id, token, accepted: new Map(), rejected: [] });
    }
    const started = await startApiProcess({ databaseUrl: pg.connectionString, dataDir, port: await freePort(), sessionSecret: TEST_SESSION_SECRET });
    api = started;

    const outages: Outage[] = [];
    const empties: string[] = [];
    let phase = "before";
    const unexpected: string[] = [];
    let stop = false;
    /** POSTs until the API answers something other than "unavailable, try again"; returns the data. */
    const call = async <T>(labeller: Labeller, query: string, variables: Record<string, unknown>): Promise<T> => {
      for (;;) {
        const response = await fetch(`${started.origin}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${labeller.token}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = await response.text();
        const parsed = JSON.parse(body) as { data?: T | null; errors?: { extensions?: { code?: string } }[] };
        if (!parsed.errors?.length && parsed.data) return parsed.data;
        if (parsed.errors?.[0]?.extensions?.code !== "SERVICE_UNAVAILABLE") {
          unexpected.push(`${response.status} ${body}`);
          throw new Error(`unexpected answer: ${response.status} ${body}`);
        }
        outages.push({ userId: labeller.userId, status: response.status, body });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const label = async (labeller: Labeller) => {
      let rounds = 0;
      while (!stop) {
        const { nextFrames } = await call<{ nextFrames: { frame: { id: string } }[] }>(labeller, NEXT_FRAMES, { datasetId: dataset.id, count: 4 });
        if (nextFrames.length === 0) {
          // Known, not about restarts: two nextFrames racing for the same queue head can answer [] while
          // frames are open (see the report of issue 8). Asked again, as the web app does.
          const open = await db.frame.count({ where: { datasetId: dataset.id, labelCount: 0, leases: { none: {} } } });
          if (open === 0) throw new Error("the dataset ran out of frames; seed more");
          empties.push(`${phase}:${open}`);
          continue;
        }
        rounds += 1;
        const decisions = nextFrames.map(({ frame }, i) => ({ frameId: frame.id, label: (rounds + i) % 3 === 0 ? "NO_FACE" : "FACE" }));
        const { submitLabels } = await call<{ submitLabels: { accepted: { frameId: string; label: Label }[]; rejected: { frameId: string; code: string }[] } }>(
          labeller,
          SUBMIT,
          { datasetId: dataset.id, decisions },
        );
        for (const { frameId, label } of submitLabels.accepted) labeller.accepted.set(frameId, label);
        labeller.rejected.push(...submitLabels.rejected);
        // A labeller's pace (a few decisions a second each), so the outage falls mid-stream.
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    };
    const acceptedCount = () => labellers.reduce((sum, l) => sum + l.accepted.size, 0);
    const running = Promise.all(labellers.map(label));
    running.catch(() => undefined); // awaited below; this keeps a failure during the outage from counting as unhandled

    try {
      await eventually("decisions before the outage", async () => acceptedCount() >= 40 || unexpected.length > 0, 30_000);
      phase = "stopping";
      await pg.stop();
      phase = "down";
      // Clients keep trying while the server is down: each of them must have met the outage.
      const met = () => new Set(outages.map((outage) => outage.userId)).size;
      await eventually("every labeller to meet the outage", async () => met() === LABELLERS || unexpected.length > 0, 20_000);
      const duringOutage = acceptedCount();
      phase = "starting";
      await pg.start();
      phase = "after";
      await eventually("decisions after the restart", async () => acceptedCount() >= duringOutage + 40 || unexpected.length > 0, 30_000);
    } finally {
      stop = true;
      await running.catch(() => undefined);
    }
    // The API's log says what an unexpected answer hid behind its masked message.
    expect(unexpected, started.output().split("\n").filter((line) => line.includes('"level":"error"')).join("\n")).toEqual([]);
    await running;

    // Clean, declared, retriable errors: 503 with SERVICE_UNAVAILABLE, no stack, no connection details.
    expect(new Set(outages.map((outage) => outage.userId)).size).toBe(LABELLERS);
    for (const outage of outages) {
      expect(outage.status).toBe(503);
      expect(outage.body).not.toMatch(/\bat .+:\d+:\d+|stack|127\.0\.0\.1|P1001|57P01|prisma/i);
    }
    // The same API process throughout, and healthy again.
    expect(started.running()).toBe(true);
    expect((await fetch(`${started.origin}/healthz`)).status).toBe(200);

    // Nothing lost, nothing duplicated: the stored annotations are exactly the accepted decisions,
    // and a retried submit (the first one may have committed) added no second revision.
    for (const labeller of labellers) expect(labeller.rejected).toEqual([]);
    const annotations = await db.annotation.findMany({ where: { frame: { datasetId: dataset.id } }, select: { userId: true, frameId: true, label: true } });
    const stored = new Map(annotations.map((row) => [`${row.userId}:${row.frameId}`, row.label]));
    const accepted = new Map(labellers.flatMap((l) => [...l.accepted].map(([frameId, label]) => [`${l.userId}:${frameId}`, label] as const)));
    expect(stored.size).toBe(annotations.length);
    expect(stored).toEqual(accepted);
    expect(await db.annotationRevision.count({ where: { frame: { datasetId: dataset.id } } })).toBe(accepted.size);
    // Overlap 1: no frame went to two labellers, and every frame's counter matches its annotations.
    const frames = await db.frame.findMany({ where: { datasetId: dataset.id, labelCount: { gt: 0 } }, select: { labelCount: true, _count: { select: { annotations: true } } } });
    expect(frames.every((frame) => frame.labelCount === 1 && frame._count.annotations === 1)).toBe(true);
    expect(frames).toHaveLength(accepted.size);
    // For the reliability table (docs): what this run went through.
    console.info(`postgres restart: ${LABELLERS} labellers, ${accepted.size} decisions accepted and stored once, ${outages.length} answers 503 during the outage; nextFrames answered [] with frames open ${empties.length} times (${empties.join(", ")})`);
  });
});
