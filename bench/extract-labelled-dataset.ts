// The quality report's other source: a kao dataset's labelled frames (BENCH_DATASET=<name or id>).
// Labels are the frames' consensus (FACE / NO_FACE; UNSURE and unlabelled frames are left out), images
// the display JPEGs the extraction job reads, from the local storage of KAO_DATA_DIR (default .data).
// The database is DATABASE_URL, else the embedded Postgres in KAO_DATA_DIR/postgres: the one `npm start`
// runs when it is up, otherwise started here for the run.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { createPrismaClient, type Db } from "@kao/db";
import { startEmbeddedPostgres } from "@kao/db/embedded";
import { createLocalStorage, frameKeys } from "@kao/storage";
import { readLabelledFolder, type LabelledImages } from "./extract-quality.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function readLabelledDataset(options: { dataset: string; dataDir: string; databaseUrl?: string | undefined; pgPort: number; say: (line: string) => void }): Promise<LabelledImages> {
  const database = await openBenchDatabase(options);
  const db = createPrismaClient({ connectionString: database.connectionString, max: 2 });
  try {
    const dataset = await findDataset(db, options.dataset);
    const frames = await db.frame.findMany({
      where: { datasetId: dataset.id, consensus: { label: { in: ["FACE", "NO_FACE"] } } },
      select: { sha256: true, sourceName: true, titleId: true, sceneId: true, consensus: { select: { label: true } } },
      orderBy: { id: "asc" },
    });
    const storage = createLocalStorage({ root: path.join(options.dataDir, "files") });
    const images: Buffer[] = [];
    const labels: number[] = [];
    const groups: string[] = [];
    let missing = 0;
    for (const frame of frames) {
      const key = frameKeys(dataset.id, frame.sha256).display;
      if (!(await storage.exists(key))) {
        missing++;
        continue;
      }
      images.push(await buffer((await storage.read(key)).stream));
      labels.push(frame.consensus?.label === "FACE" ? 1 : 0);
      // Near-identical consecutive frames share a scene: one fold holds all of them, or the score flatters.
      groups.push(frame.sceneId ? `scene:${frame.sceneId}` : `title:${frame.titleId}`);
    }
    if (missing > 0) options.say(`  ${missing} labelled frames have no image in ${path.join(options.dataDir, "files")} and are left out`);
    return { images, labels: Uint8Array.from(labels), groups, source: `dataset "${dataset.name}"` };
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

async function findDataset(db: Db, nameOrId: string) {
  const dataset = await db.dataset.findFirst({ where: UUID.test(nameOrId) ? { OR: [{ id: nameOrId }, { name: nameOrId }] } : { name: nameOrId }, select: { id: true, name: true } });
  if (dataset) return dataset;
  const names = (await db.dataset.findMany({ select: { name: true }, orderBy: { name: "asc" }, take: 20 })).map((row) => `"${row.name}"`);
  throw new Error(`BENCH_DATASET: no dataset "${nameOrId}"; datasets here: ${names.length > 0 ? names.join(", ") : "none"}`);
}

/** DATABASE_URL, else the embedded Postgres of the data folder (running, or started for the run). */
export async function openBenchDatabase(options: { dataDir: string; databaseUrl?: string | undefined; pgPort: number; say: (line: string) => void }) {
  if (options.databaseUrl) return { connectionString: options.databaseUrl, close: async () => {} };
  const postgresDir = path.join(options.dataDir, "postgres");
  const credentialsFile = path.join(postgresDir, "credentials.json");
  if (!existsSync(credentialsFile)) throw new Error(`BENCH_DATASET needs DATABASE_URL or kao's embedded database in ${postgresDir} (set KAO_DATA_DIR to the data folder of the kao to read)`);
  if (existsSync(path.join(postgresDir, "cluster", "postmaster.pid"))) {
    // `npm start` is running it: connect alongside, as the CLI does.
    const { user, password } = JSON.parse(await readFile(credentialsFile, "utf8")) as { user: string; password: string };
    return { connectionString: `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.pgPort}/kao`, close: async () => {} };
  }
  options.say(`starting the embedded Postgres in ${postgresDir} for this run`);
  const server = await startEmbeddedPostgres({ dataDir: postgresDir, port: options.pgPort });
  return { connectionString: server.connectionString, close: () => server.stop() };
}

/**
 * The labelled images the environment names: BENCH_DATASET (a kao dataset, by name or id) or
 * BENCH_LABELLED_DIR (a folder); null when neither is set.
 */
export async function readLabelledSource(say: (line: string) => void): Promise<LabelledImages | null> {
  const dataset = process.env["BENCH_DATASET"];
  if (dataset) {
    const pgPort = Number(process.env["KAO_PG_PORT"] || 54329);
    return readLabelledDataset({ dataset, dataDir: path.resolve(process.env["KAO_DATA_DIR"] || ".data"), databaseUrl: process.env["DATABASE_URL"], pgPort, say });
  }
  const folder = process.env["BENCH_LABELLED_DIR"];
  return folder ? readLabelledFolder(folder) : null;
}
