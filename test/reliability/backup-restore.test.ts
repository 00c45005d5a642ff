import { execFile } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { chmod, copyFile, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@kao/db";
import { migrate } from "@kao/db/migrate";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { createLocalStorage, frameKeys } from "@kao/storage";
import { createFreshDatabase, type FreshDatabase } from "../integration/support/fresh-database.ts";

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** `npm run backup` / `npm run restore` as a user runs them: the CLI in its own process. */
async function kao(env: { databaseUrl: string; dataDir: string }, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "apps/cli/src/main.ts", ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: env.databaseUrl, KAO_DATA_DIR: env.dataDir },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Every table's row count and the md5 of its rows' text forms in a fixed order: equal fingerprints, equal data. */
async function fingerprint(connectionString: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND relname <> '_prisma_migrations' ORDER BY 1`,
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      );
      const row = rows[0];
      if (row) result[name] = row;
    }
    const { rows: migrations } = await client.query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations ORDER BY 1`);
    return { tables: result, migrations: migrations.map((m) => m.name) };
  } finally {
    await client.end();
  }
}

async function fileSums(dir: string) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const sums: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    sums[path.relative(dir, file)] = createHash("sha256").update(await readFile(file)).digest("hex");
  }
  return sums;
}

async function tableExists(connectionString: string, table: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`public."${table}"`]);
    return rows[0]?.present ?? false;
  } finally {
    await client.end();
  }
}

/**
 * A world with a row in every table, text that COPY must escape (tabs, newlines, backslashes, quotes,
 * emoji), NULLs, arrays, JSON, bigints and binary columns, and the frames' files in storage.
 */
async function seedRichWorld(db: Db, filesDir: string) {
  const storage = createLocalStorage({ root: filesDir });
  const admin = await seedUser(db, { role: "ADMIN", name: "Admin\twith a tab" });
  const reviewer = await seedUser(db, { role: "REVIEWER", name: 'Reviewer "quoted" \\ backslash' });
  const labeller = await seedUser(db, { role: "LABELER", name: "Labeller\nwith a newline 🎌" });
  await seedUser(db, { role: "VIEWER", deactivated: true });
  await db.apiToken.create({ data: { userId: admin.id, name: "script", prefix: "kao_abcd", tokenHash: createHash("sha256").update(randomUUID()).digest("hex") } });
  await db.loginAttempt.create({ data: { email: admin.email, ip: "127.0.0.1", success: true } });
  const dataset = await seedDataset(db, { members: [reviewer, labeller], createdById: admin.id, overlap: 2, guidelines: "# Rules\n\n\tIndented \\N is not NULL" });
  const title = await seedTitle(db, { datasetId: dataset.id, name: "Title — 東京" });
  const job = await db.job.create({ data: { kind: "IMPORT", datasetId: dataset.id, createdById: admin.id, status: "SUCCEEDED", done: 1, total: 1, errors: [{ item: "a.mkv", message: "tab\there" }] } });
  const upload = await db.upload.create({ data: { datasetId: dataset.id, userId: admin.id, jobId: job.id, fileName: "ep01.mkv", kind: "VIDEO", size: 5_000_000_000n, sha256: "a".repeat(64), storageKey: `uploads/${dataset.id}/${randomUUID()}` } });
  await storage.put(upload.storageKey, randomBytes(4096));
  const video = await db.video.create({ data: { datasetId: dataset.id, titleId: title.id, jobId: job.id, fileName: "ep01.mkv", storageKey: upload.storageKey, sha256: "b".repeat(64), durationMs: 60_000, status: "SUCCEEDED" } });
  await db.importItem.create({ data: { jobId: job.id, uploadId: upload.id, videoId: video.id, fileName: "ep01.mkv", kind: "VIDEO", status: "SUCCEEDED", framesAdded: 12 } });
  const scene = await db.scene.create({ data: { datasetId: dataset.id, videoId: video.id } });

  const frames = [];
  for (let i = 0; i < 12; i++) {
    const sha256 = createHash("sha256").update(`frame ${i} ${dataset.id}`).digest("hex");
    const keys = frameKeys(dataset.id, sha256);
    for (const key of [keys.image, keys.display, keys.thumbnail]) await storage.put(key, randomBytes(2048 + i));
    frames.push(
      await db.frame.create({
        data: {
          datasetId: dataset.id, titleId: title.id, videoId: video.id, sceneId: i < 6 ? scene.id : null, timestampMs: i * 1000, sourceName: `ep01.mkv@${i}s`,
          storageKey: keys.prefix, sha256, phash: i % 2 ? -(2n ** 63n) + BigInt(i) : 2n ** 62n + BigInt(i), width: 1280, height: 720,
          split: i < 8 ? "TRAIN" : "TEST", labelStatus: i < 10 ? "DONE" : "OPEN", labelCount: i < 10 ? 2 : 0, priority: i / 7,
        },
      }),
    );
  }
  for (const [i, frame] of frames.slice(0, 10).entries()) {
    for (const user of [labeller, reviewer]) {
      const label = i % 3 === 0 ? "NO_FACE" : "FACE";
      const annotation = await db.annotation.create({ data: { frameId: frame.id, userId: user.id, label, rules: ["Profile", "tab\there"], durationMs: 800 + i } });
      await db.annotationRevision.create({ data: { annotationId: annotation.id, frameId: frame.id, authorId: user.id, label, rules: annotation.rules, durationMs: annotation.durationMs } });
    }
    await db.consensus.create({ data: { frameId: frame.id, label: i % 3 === 0 ? "NO_FACE" : "FACE", method: i === 0 ? "ADJUDICATED" : "UNANIMOUS", adjudicatedById: i === 0 ? reviewer.id : null, note: i === 0 ? "line one\nline two" : null } });
  }
  const firstFrame = frames[0];
  if (!firstFrame) throw new Error("no frames seeded");
  await db.frameLease.create({ data: { frameId: frames[11]?.id ?? firstFrame.id, userId: labeller.id, expiresAt: new Date(Date.now() + 600_000) } });
  await db.guidelineExample.create({ data: { datasetId: dataset.id, frameId: firstFrame.id, label: "FACE", note: "profile counts", pinnedById: admin.id } });
  const split = await db.splitVersion.create({ data: { datasetId: dataset.id, name: "v1", seed: 42, params: { train: 0.48, val: 0.2, test: 0.32 }, lockedAt: new Date(), createdById: admin.id } });
  await db.splitAssignment.createMany({ data: frames.map((frame, i) => ({ splitVersionId: split.id, frameId: frame.id, split: i < 8 ? ("TRAIN" as const) : ("TEST" as const) })) });
  const backbone = await db.backbone.create({ data: { name: `Backbone ${randomUUID().slice(0, 6)}`, modelPath: "models/test.onnx", sha256: "c".repeat(64), inputWidth: 224, inputHeight: 224, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], scale: 1 / 255, tapLayer: "pool5", dims: 16 } });
  await db.featureVector.createMany({ data: frames.map((frame) => ({ frameId: frame.id, backboneId: backbone.id, vector: new Uint8Array(randomBytes(64)) })) });
  const trainJob = await db.job.create({ data: { kind: "TRAIN", datasetId: dataset.id, createdById: admin.id, status: "SUCCEEDED", params: { kernels: ["LINEAR"] }, result: { runs: 1 } } });
  const runRow = await db.trainingRun.create({
    data: { datasetId: dataset.id, backboneId: backbone.id, splitVersionId: split.id, jobId: trainJob.id, createdById: admin.id, kernel: "POLY", params: { C: 10, degree: 3 }, status: "SUCCEEDED", metrics: { train: { accuracy: 0.9 } }, model: new Uint8Array(randomBytes(10_000)), publishedAt: new Date() },
  });
  await db.prediction.createMany({ data: frames.map((frame, i) => ({ runId: runRow.id, frameId: frame.id, decisionValue: (i - 6) / 3, label: i < 6 ? ("NO_FACE" as const) : ("FACE" as const) })) });
  // A waiting job: its pg-boss message is not in the backup, restore queues it again.
  await db.job.create({ data: { kind: "EXTRACT", datasetId: dataset.id, createdById: admin.id, status: "QUEUED", params: { backboneId: backbone.id } } });
  await db.auditLog.createMany({
    data: [
      { actorId: admin.id, action: "dataset.create", targetType: "Dataset", targetId: dataset.id, datasetId: dataset.id, data: { name: dataset.name } },
      { actorId: reviewer.id, action: "label.adjudicate", targetType: "Frame", targetId: firstFrame.id, datasetId: dataset.id, data: { label: "FACE" } },
      { actorId: null, action: "user.create", targetType: "User", targetId: labeller.id },
    ],
  });
}

let source: FreshDatabase;
const targets: FreshDatabase[] = [];
let db: Db;
let work: string;
const sourceDir = () => path.join(work, "source-data");
const archive = () => path.join(work, "kao.zip");

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "kao-backup-"));
  await chmod(work, 0o755);
  source = await createFreshDatabase("kao_backup_src");
  await migrate({ connectionString: source.connectionString });
  db = createPrismaClient({ connectionString: source.connectionString, max: 4 });
  await seedRichWorld(db, path.join(sourceDir(), "files"));
});

afterAll(async () => {
  await db.$disconnect();
  await source.drop();
  for (const target of targets) await target.drop();
  await rm(work, { recursive: true, force: true });
});

describe("kao backup / kao restore", () => {
  let restoredUrl = "";
  const restoredDir = () => path.join(work, "restored-data");

  it("backs up while kao writes, and restores every row and file into a fresh database and data folder", async () => {
    const before = await fingerprint(source.connectionString);
    for (const [table, { rows }] of Object.entries(before.tables)) expect(rows, `seeded rows in ${table}`).toBeGreaterThan(0);

    // Online: sign-in attempts keep arriving while the backup runs; the snapshot takes a consistent cut.
    let writing = true;
    const writer = (async () => {
      let written = 0;
      while (writing) {
        await db.loginAttempt.create({ data: { email: `busy-${written}@kao.test`, ip: "127.0.0.1", success: false } });
        written++;
      }
      return written;
    })();
    const backup = await kao({ databaseUrl: source.connectionString, dataDir: sourceDir() }, "backup", "--out", archive());
    writing = false;
    await writer;
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout.trim()).toBe(archive());

    const target = await createFreshDatabase("kao_backup_dst");
    targets.push(target);
    restoredUrl = target.connectionString;
    const restore = await kao({ databaseUrl: target.connectionString, dataDir: restoredDir() }, "restore", archive());
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stderr).toMatch(/queued 1 waiting jobs again/);

    const after = await fingerprint(source.connectionString);
    const restored = await fingerprint(target.connectionString);
    expect(restored.migrations).toEqual(before.migrations);
    const attempts = restored.tables["LoginAttempt"]?.rows ?? 0;
    expect(attempts).toBeGreaterThanOrEqual(before.tables["LoginAttempt"]?.rows ?? Infinity);
    expect(attempts).toBeLessThanOrEqual(after.tables["LoginAttempt"]?.rows ?? 0);
    const { LoginAttempt: _busy, ...restoredRest } = restored.tables;
    const { LoginAttempt: _seeded, ...beforeRest } = before.tables;
    expect(restoredRest).toEqual(beforeRest);
    expect(await fileSums(path.join(restoredDir(), "files"))).toEqual(await fileSums(path.join(sourceDir(), "files")));
    expect(Object.keys(await fileSums(path.join(restoredDir(), "files")))).toHaveLength(37);
  });

  it("refuses to restore into a database that holds data, and replaces it with --force", async () => {
    expect(restoredUrl).not.toBe("");
    const refused = await kao({ databaseUrl: restoredUrl, dataDir: restoredDir() }, "restore", archive());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds kao data .*--force/);

    const extra = createPrismaClient({ connectionString: restoredUrl, max: 1 });
    const stray = await seedUser(extra, { role: "LABELER" });
    await writeFile(path.join(restoredDir(), "files", "stray.bin"), "not in the backup");
    await extra.$disconnect();
    const forced = await kao({ databaseUrl: restoredUrl, dataDir: restoredDir() }, "restore", archive(), "--force");
    expect(forced.code, forced.stderr).toBe(0);
    const check = createPrismaClient({ connectionString: restoredUrl, max: 1 });
    expect(await check.user.count({ where: { id: stray.id } })).toBe(0);
    await check.$disconnect();
    expect(Object.keys(await fileSums(path.join(restoredDir(), "files")))).not.toContain("stray.bin");
    expect(await fileSums(path.join(restoredDir(), "files"))).toEqual(await fileSums(path.join(sourceDir(), "files")));
  });

  it("refuses a truncated archive and a damaged file with a clear error, leaving the target untouched", async () => {
    const whole = await readFile(archive());
    const truncated = path.join(work, "truncated.zip");
    await copyFile(archive(), truncated);
    await truncate(truncated, Math.floor(whole.length / 2));

    // One byte of a stored frame file flipped: the zip still opens, the sha256 gives it away.
    const damaged = path.join(work, "damaged.zip");
    const frameBytes = await readFile(path.join(sourceDir(), "files", Object.keys(await fileSums(path.join(sourceDir(), "files"))).find((key) => key.endsWith("image.jpg")) ?? ""));
    const at = whole.indexOf(frameBytes.subarray(0, 64));
    expect(at).toBeGreaterThan(0);
    const flipped = Buffer.from(whole);
    flipped[at + 100] = (flipped[at + 100] ?? 0) ^ 0xff;
    await writeFile(damaged, flipped);

    for (const [file, message] of [[truncated, /not a complete kao backup \(truncated or damaged\?\)/], [damaged, /does not match its size or sha256 .* damaged/]] as const) {
      const target = await createFreshDatabase("kao_backup_bad");
      const dataDir = path.join(work, `bad-${randomUUID().slice(0, 6)}`);
      try {
        const result = await kao({ databaseUrl: target.connectionString, dataDir }, "restore", file);
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(message);
        expect(await tableExists(target.connectionString, "User")).toBe(false);
        expect(await tableExists(target.connectionString, "_prisma_migrations")).toBe(false);
        expect(await fileSums(path.join(dataDir, "files"))).toEqual({});
      } finally {
        await target.drop();
      }
    }
  });
});
