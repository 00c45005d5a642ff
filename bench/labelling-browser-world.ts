// The in-browser labelling benchmark's world: the real API on a migrated Postgres, a dataset of
// frames with real JPEGs in the API's storage and a labeller, plus a second, never-labelled dataset
// whose pictures the page has never loaded (the no-prefetch reference).
// test/support/api.ts cannot be imported outside vitest (it reads vitest's `inject`), so the API is
// started here the way bench/labelling.ts starts it.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { createApiServer, type ApiServer } from "@kao/api";
import { createPrismaClient, type Db } from "@kao/db";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { createLocalStorage, frameKeys, type BlobStorage } from "@kao/storage";
import { FRAME_HEIGHT, FRAME_WIDTH, benchFrameJpeg } from "./labelling-browser-images.ts";

/**
 * The benchmark measures the built web app: throws when there is none, and returns a warning when
 * sources changed after the build (the figures would be those of the older page).
 */
export function checkWebBuild(): string | null {
  const webDir = fileURLToPath(new URL("../apps/web/", import.meta.url));
  const buildId = path.join(webDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) throw new Error("apps/web is not built: run `npm run build -w @kao/web` first (the benchmark measures the built page under its production server).");
  const builtAt = statSync(buildId).mtimeMs;
  const newer = readdirSync(path.join(webDir, "src"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).mtimeMs > builtAt)
    .map((entry) => path.relative(webDir, path.join(entry.parentPath, entry.name)));
  if (!newer.length) return null;
  return `⚠ apps/web/.next is older than ${newer.length} source file(s) (${newer.slice(0, 3).join(", ")}): these are the last build's figures; \`npm run build -w @kao/web\` measures the current page.`;
}

export interface BenchApi {
  db: Db;
  storage: BlobStorage;
  origin: string;
  close(): Promise<void>;
}

/** The real API over HTTP on a random loopback port; `sessionSecret` must be the web app's too. */
export async function startBenchApi(options: { connectionString: string; storageRoot: string; sessionSecret: string }): Promise<BenchApi> {
  await mkdir(options.storageRoot, { recursive: true });
  await chmod(options.storageRoot, 0o755);
  const db = createPrismaClient({ connectionString: options.connectionString, max: 5 });
  const storage = createLocalStorage({ root: options.storageRoot });
  let server: ApiServer;
  try {
    server = await createApiServer({
      db,
      sessionSecret: options.sessionSecret,
      platform: { storage, enqueueImport: () => Promise.reject(new Error("the in-browser labelling benchmark imports nothing")) },
    });
  } catch (error) {
    await db.$disconnect();
    throw error;
  }
  const { url } = await server.listen(0);
  return {
    db,
    storage,
    origin: new URL(url).origin,
    async close() {
      await server.close();
      await db.$disconnect();
    },
  };
}

export interface BrowserWorld {
  datasetId: string;
  labeller: { id: string; email: string; password: string };
  /** Frames of another dataset of the labeller's, never shown by the labelling page. */
  referenceFrameIds: string[];
}

/** Seeds both datasets; `onProgress` hears how many pictures are done (making them is the slow part). */
export async function seedBrowserWorld(api: BenchApi, options: { frames: number; referenceFrames: number; onProgress?: (done: number, total: number) => void }): Promise<BrowserWorld> {
  const labeller = await seedUser(api.db, { role: "LABELER", name: "Bench labeller" });
  const dataset = await seedDataset(api.db, { name: "Browser bench", overlap: 1, members: [labeller] });
  const reference = await seedDataset(api.db, { name: "Browser bench reference", overlap: 1, members: [labeller] });
  const total = options.frames + options.referenceFrames;
  let done = 0;
  const seedFrames = async (datasetId: string, count: number, first: number) => {
    const title = await seedTitle(api.db, { datasetId, name: `Bench title ${first}` });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const display = await benchFrameJpeg(first + i);
      const thumbnail = await sharp(display).resize(320, 180).jpeg({ quality: 80 }).toBuffer();
      const sha256 = createHash("sha256").update(display).digest("hex");
      const keys = frameKeys(datasetId, sha256);
      await Promise.all([api.storage.put(keys.image, display), api.storage.put(keys.display, display), api.storage.put(keys.thumbnail, thumbnail)]);
      const frame = await api.db.frame.create({
        data: { datasetId, titleId: title.id, sourceName: `bench-${first + i}.jpg`, storageKey: keys.prefix, sha256, width: FRAME_WIDTH, height: FRAME_HEIGHT, timestampMs: i * 1000 },
        select: { id: true },
      });
      ids.push(frame.id);
      options.onProgress?.(++done, total);
    }
    return ids;
  };
  await seedFrames(dataset.id, options.frames, 0);
  const referenceFrameIds = await seedFrames(reference.id, options.referenceFrames, options.frames);
  return { datasetId: dataset.id, labeller: { id: labeller.id, email: labeller.email, password: labeller.password }, referenceFrameIds };
}
