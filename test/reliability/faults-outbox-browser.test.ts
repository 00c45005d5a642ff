import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { createPrismaClient, type Db } from "@kao/db";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { createLocalStorage, frameKeys } from "@kao/storage";
import { colourImage } from "../integration/support/ml-fixtures.ts";
import { TEST_SESSION_SECRET } from "../support/api.ts";
import { freePort } from "../support/free-port.ts";
import { launchChromium } from "../e2e/support/browser.ts";
import { browserPeople } from "../e2e/support/people.ts";
import { startWebServer, type WebServer } from "../e2e/support/web-server.ts";
import { startApiProcess, type AppProcess } from "./support/processes.ts";
import { startRestartablePostgres, type RestartablePostgres } from "./support/postgres.ts";

// A labeller keeps labelling in Chromium while Postgres is down: the decisions wait in the page's
// outbox (and in sessionStorage, across a reload), and reach the database once it is back, each once.
// test/e2e/labelling-flow.test.ts covers the browser itself going offline; here the network is fine
// and it is the API that answers "unavailable".
// Needs the built web app (`npx turbo run build --filter=@kao/web`), like the e2e tests.

type Label = "FACE" | "NO_FACE";
const KEY: Record<Label, string> = { FACE: "f", NO_FACE: "n" };

let pg: RestartablePostgres;
let db: Db;
let dataDir: string;
let api: (AppProcess & { origin: string }) | undefined;
let web: WebServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  pg = await startRestartablePostgres("kao_outbox");
  db = createPrismaClient({ connectionString: pg.connectionString, max: 2 });
  dataDir = await mkdtemp(path.join(tmpdir(), "kao-faults-outbox-"));
  await mkdir(path.join(dataDir, "files"));
  api = await startApiProcess({ databaseUrl: pg.connectionString, dataDir, port: await freePort(), sessionSecret: TEST_SESSION_SECRET });
  web = await startWebServer({ apiOrigin: api.origin, secret: TEST_SESSION_SECRET });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.kill();
  await db?.$disconnect();
  await pg?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const people = browserPeople(() => {
  if (!browser || !web) throw new Error("the browser or the web app did not start");
  return { browser, web };
});
afterEach((test: TestContext) => people.finish(test));

/** Waits until a frame other than `previous` is on screen and painted; returns its id. */
async function paintedFrame(page: Page, previous: string | null = null): Promise<string> {
  const image = page.locator(`[data-testid="label-image"][data-painted="true"]${previous ? `:not([data-frame-id="${previous}"])` : ""}`);
  await image.waitFor();
  const id = await image.getAttribute("data-frame-id");
  if (!id) throw new Error("the painted image has no data-frame-id");
  return id;
}

/** Labels `count` frames from the one on screen on; returns what was decided, and the frame now shown. */
async function labelFrames(page: Page, count: number, decided: Map<string, Label>, shown: string) {
  let current = shown;
  for (let i = 0; i < count; i++) {
    const label: Label = decided.size % 3 === 0 ? "NO_FACE" : "FACE";
    await page.keyboard.press(KEY[label]);
    decided.set(current, label);
    current = await paintedFrame(page, current);
  }
  return current;
}

describe("the labelling outbox while Postgres restarts", () => {
  it("keeps the decisions made during the outage, across a reload, and sends each once when the database is back", { timeout: 120_000 }, async () => {
    const labeller = await seedUser(db, { role: "LABELER" });
    const dataset = await seedDataset(db, { overlap: 1, members: [labeller] });
    const title = await seedTitle(db, { datasetId: dataset.id });
    const storage = createLocalStorage({ root: path.join(dataDir, "files") });
    for (let i = 0; i < 20; i++) {
      const sha256 = randomBytes(32).toString("hex");
      const image = await colourImage({ r: (i * 40) % 256, g: 120, b: 200 }, i);
      const keys = frameKeys(dataset.id, sha256);
      await Promise.all([storage.put(keys.image, image), storage.put(keys.display, image), storage.put(keys.thumbnail, image)]);
      await db.frame.create({ data: { datasetId: dataset.id, titleId: title.id, sourceName: `f${i}.jpg`, storageKey: keys.prefix, sha256, width: 48, height: 32 } });
    }

    const page = await people.signedInPage(labeller);
    // The outbox asks before a reload while decisions wait; the labeller says "leave".
    page.on("dialog", (dialog) => void dialog.accept());
    await page.goto(`/datasets/${dataset.id}/label`);
    const decided = new Map<string, Label>();
    let shown = await labelFrames(page, 3, decided, await paintedFrame(page));
    await page.getByTestId("outbox-saved").waitFor({ timeout: 20_000 });

    await pg.stop();
    // The next frames are already loaded and painted ahead: labelling goes on, the decisions wait.
    shown = await labelFrames(page, 3, decided, shown);
    await page.getByTestId("outbox-offline").filter({ hasText: "3 decisions waiting" }).waitFor({ timeout: 20_000 });
    // Strings run in the page (this package's TypeScript has no DOM types).
    const savedOutbox = async () => String(await page.evaluate(`Object.entries(sessionStorage).filter(([key]) => key.startsWith("kao:outbox:")).map(([, value]) => value).join("")`));
    const waiting = [...decided.keys()].slice(3);
    for (const frameId of waiting) expect(await savedOutbox()).toContain(frameId);

    // A reload while the database is still down (a new document: the marker is gone): the page cannot
    // render, the decisions stay in the tab.
    await page.evaluate("window.kaoBeforeReload = true");
    await page.reload();
    expect(await page.evaluate("window.kaoBeforeReload")).toBeUndefined();
    for (const frameId of waiting) expect(await savedOutbox()).toContain(frameId);
    await pg.start();
    await page.goto(`/datasets/${dataset.id}/label`);
    await page.getByTestId("outbox-saved").waitFor({ timeout: 30_000 });
    await paintedFrame(page);

    const rows = await db.annotation.findMany({ where: { userId: labeller.id }, select: { frameId: true, label: true } });
    expect(new Map(rows.map((row) => [row.frameId, row.label]))).toEqual(decided);
    // Resent, not duplicated: one revision per decision.
    expect(await db.annotationRevision.count({ where: { authorId: labeller.id } })).toBe(decided.size);
    expect(api?.running()).toBe(true);
  });
});
