import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { promisify } from "node:util";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import { migrate } from "@kao/db/migrate";
import { seedUser } from "@kao/db/seed";
import { resolveFfmpeg } from "@kao/media";
import type { BlobStorage } from "@kao/storage";
import { startWorker } from "@kao/worker";
import { createFreshDatabase, type FreshDatabase } from "../integration/support/fresh-database.ts";
import { startTestApi, type TestApi } from "./api.ts";

const run = promisify(execFile);

/** Makes a video with ffmpeg's lavfi sources, e.g. `["-f","lavfi","-i","testsrc=size=320x240:rate=25:duration=12"]`. */
export async function makeVideo(output: string, inputArgs: string[], extra: string[] = ["-pix_fmt", "yuv420p"]) {
  const { ffmpeg } = resolveFfmpeg();
  await run(ffmpeg, ["-y", "-v", "error", ...inputArgs, ...extra, output]);
  return output;
}

/** `seconds` of testsrc (a pattern with a running counter: every second's picture differs) at 320×240. */
export function makeTestsrc(output: string, seconds: number, options: { size?: string; rate?: number; codec?: string[] } = {}) {
  const codec = options.codec ?? ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];
  return makeVideo(output, ["-f", "lavfi", "-i", `testsrc=size=${options.size ?? "320x240"}:rate=${options.rate ?? 25}:duration=${seconds}`], codec);
}

/**
 * A zip of stored (uncompressed) entries with exactly the given names, `../evil.png` included: real
 * zip tools refuse to write such names, which is why this is hand-made.
 */
export function makeZip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid-looking PNG that declares `width × height` RGB pixels but carries only a few rows: a
 * decompression bomb's header, built in microseconds.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.alloc((width * 3 + 1) * 4); // filter byte 0 + black pixels, 4 rows
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Every file below `dir`, relative to it (empty when `dir` does not exist). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

export interface UploadResult {
  status: number;
  uploads: { id: string; fileName: string; size: number; kind: string }[];
  errors: { fileName: string; code: string; message: string }[];
  /** Top-level errors (auth, bad request), in GraphQL's shape. */
  body: { errors?: { message: string; extensions?: { code?: string } }[] } & Record<string, unknown>;
}

/** `POST /uploads` with any headers (or none): for authorisation tests. */
export async function postUploads(
  api: TestApi,
  options: { datasetId: string; files: { name: string; data: Buffer }[]; headers?: Record<string, string> },
): Promise<UploadResult> {
  const form = new FormData();
  for (const file of options.files) form.append("file", new Blob([file.data]), file.name);
  const response = await fetch(`${api.origin}/uploads?datasetId=${options.datasetId}`, { method: "POST", headers: options.headers ?? {}, body: form });
  const body = (await response.json()) as UploadResult["body"] & Partial<Pick<UploadResult, "uploads">>;
  const perFile = Array.isArray(body["errors"]) && body["errors"].every((error) => "fileName" in error) ? (body["errors"] as unknown as UploadResult["errors"]) : [];
  return { status: response.status, uploads: body.uploads ?? [], errors: perFile, body };
}

/** `POST /uploads` as a script would, with an API token. */
export function upload(api: TestApi, token: string, datasetId: string, files: { name: string; data: Buffer }[]): Promise<UploadResult> {
  return postUploads(api, { datasetId, files, headers: { authorization: `Bearer ${token}` } });
}

const JOB_FIELDS =
  "id status done total failed progress framesAdded duplicates error cancelRequested title episode sampleFps items { fileName kind status framesAdded duplicates failed error }";

export interface ImportJobView {
  id: string;
  status: string;
  done: number;
  total: number;
  failed: number;
  progress: number;
  framesAdded: number;
  duplicates: number;
  error: string | null;
  cancelRequested: boolean;
  title: string | null;
  episode: string | null;
  sampleFps: number;
  items: { fileName: string; kind: string; status: string; framesAdded: number; duplicates: number; failed: number; error: string | null }[];
}

export async function createImport(api: TestApi, token: string, input: Record<string, unknown>) {
  const response = await api.graphql<{ createImport: { __typename: string; data?: ImportJobView; message?: string } }>(
    `mutation($input: CreateImportInput!) { createImport(input: $input) { __typename ... on CreateImportSuccess { data { ${JOB_FIELDS} } } ... on Error { message } } }`,
    { variables: { input }, token },
  );
  return response;
}

export async function getImport(api: TestApi, token: string, id: string): Promise<ImportJobView> {
  const response = await api.graphql<{ importJob: ImportJobView }>(`query($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`, { variables: { id }, token });
  const job = response.data?.importJob;
  if (!job) throw new Error(`importJob failed: ${JSON.stringify(response.errors)}`);
  return job;
}

export async function cancelImport(api: TestApi, token: string, id: string): Promise<ImportJobView> {
  const response = await api.graphql<{ cancelImport: ImportJobView }>(`mutation($id: ID!) { cancelImport(id: $id) { ${JOB_FIELDS} } }`, { variables: { id }, token });
  const job = response.data?.cancelImport;
  if (!job) throw new Error(`cancelImport failed: ${JSON.stringify(response.errors)}`);
  return job;
}

/** Polls `importJob` until it leaves QUEUED/RUNNING. */
export async function waitForImport(api: TestApi, token: string, id: string, timeoutMs = 60_000): Promise<ImportJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getImport(api, token, id);
    if (!["QUEUED", "RUNNING"].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Uploads files and imports them in one go; fails loudly when the upload or createImport does. */
export async function importFiles(env: ImportEnv, datasetId: string, files: { name: string; data: Buffer }[], input: Record<string, unknown> = {}) {
  const uploaded = await upload(env.api, env.adminToken, datasetId, files);
  if (!uploaded.uploads.length) throw new Error(`nothing uploaded: ${JSON.stringify(uploaded)}`);
  const created = await createImport(env.api, env.adminToken, { datasetId, title: "Test Title", uploadIds: uploaded.uploads.map((u) => u.id), ...input });
  const job = created.data?.createImport.data;
  if (!job) throw new Error(`createImport failed: ${JSON.stringify(created)}`);
  return { uploaded, job, finished: () => waitForImport(env.api, env.adminToken, job.id) };
}

export interface ImportEnv {
  api: TestApi;
  database: FreshDatabase;
  /** The in-process workers (none with `workers: 0`). */
  workers: Awaited<ReturnType<typeof startWorker>>[];
  adminToken: string;
  adminId: string;
  /** A temporary folder for generated media. */
  dir: string;
  close(): Promise<void>;
}

/**
 * An API and `workers` in-process workers (default 1) sharing its storage, on a database of their own.
 * Import jobs go through pg-boss, and any worker on a database takes any job: a database per test file
 * keeps other files' workers (with other storage roots, or broken storage on purpose) away.
 *
 * A worker runs one import at a time and looks for the next one every 2 s; tests that run imports
 * concurrently go faster with a few workers.
 */
export async function startImportEnv(
  options: { workers?: number; storage?: (storage: BlobStorage) => BlobStorage; storageRoot?: string; maxUploadBytes?: number; staleAfterMs?: number } = {},
): Promise<ImportEnv> {
  const database = await createFreshDatabase("kao_import");
  await migrate({ connectionString: database.connectionString });
  const api = await startTestApi({ connectionString: database.connectionString, storageRoot: options.storageRoot, maxUploadBytes: options.maxUploadBytes });
  const storage = options.storage ? options.storage(api.storage) : api.storage;
  const workers: ImportEnv["workers"] = [];
  // One after the other: pg-boss 10 can deadlock when two instances create their queues at once.
  for (let i = 0; i < (options.workers ?? 1); i += 1) {
    workers.push(await startWorker({ db: api.db, connectionString: database.connectionString, storage, staleAfterMs: options.staleAfterMs ?? 5000, poolSize: 2 }));
  }
  const admin = await seedUser(api.db, { role: "ADMIN" });
  const adminToken = (await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, admin.id, { name: "t" })).token;
  const dir = await mkdtemp(path.join(tmpdir(), "kao-import-"));
  return {
    api,
    database,
    workers,
    adminToken,
    adminId: admin.id,
    dir,
    async close() {
      await Promise.all(workers.map((worker) => worker.stop()));
      await api.close();
      await database.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** An API token for a new user of `role`. */
export async function tokenFor(api: TestApi, role: "ADMIN" | "LABELER" | "REVIEWER" = "LABELER") {
  const user = await seedUser(api.db, { role });
  const { token } = await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, user.id, { name: "t" });
  return { user, token };
}
