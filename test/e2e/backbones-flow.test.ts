import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { seedUser } from "@kao/db/seed";
import { migrate } from "@kao/db/migrate";
import { loadModelCatalog } from "@kao/ml";
import { startWorker } from "@kao/worker";
import { TEST_SESSION_SECRET, startTestApi, type TestApi } from "../support/api.ts";
import { createFreshDatabase, type FreshDatabase } from "../integration/support/fresh-database.ts";
import { layersModelFiles } from "../integration/support/keras-model.ts";
import { tinyBackboneModel } from "../integration/support/ml-fixtures.ts";
import { launchChromium, screenshot } from "./support/browser.ts";
import { browserPeople } from "./support/people.ts";
import { startWebServer, type WebServer } from "./support/web-server.ts";

// The Backbones page on real parts: a model catalog (KAO_MODEL_CATALOG's file) pointing at an HTTP
// server on loopback, the API and a worker on a database of their own, the built web app and Chromium.
// An admin downloads a catalog model and sees it registered, sees a checksum mismatch explained, and
// uploads a Keras layers model (through the web app's streaming proxy) that a worker converts.
const model = Buffer.from(tinyBackboneModel());
const sha256 = createHash("sha256").update(model).digest("hex");

let zoo: Server;
let database: FreshDatabase;
let dataDir: string;
let api: TestApi;
let worker: Awaited<ReturnType<typeof startWorker>>;
let web: WebServer;
let browser: Browser;

beforeAll(async () => {
  zoo = createServer((request, response) => {
    if (request.url !== "/tiny.onnx") return void response.writeHead(404).end();
    response.writeHead(200, { "content-length": model.length });
    response.end(model);
  });
  await new Promise<void>((resolve) => zoo.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(zoo.address() as AddressInfo).port}/tiny.onnx`;
  dataDir = await mkdtemp(path.join(tmpdir(), "kao-e2e-backbones-"));
  const catalogFile = path.join(dataDir, "catalog.json");
  const entry = { url, sizeBytes: model.length, preprocessing: { width: 16, height: 16, channelOrder: "RGB", scale: 1 / 255, mean: [], std: [] }, tap: { kind: "before-last-pool" }, dims: 4, licence: "MIT" };
  await writeFile(
    catalogFile,
    JSON.stringify([
      { ...entry, key: "tiny-e2e", title: "Tiny e2e model", sha256 },
      { ...entry, key: "tiny-e2e-tampered", title: "Tampered e2e model", sha256: "f".repeat(64) },
    ]),
  );
  const modelCatalog = await loadModelCatalog({ file: catalogFile });
  database = await createFreshDatabase("kao_e2e_backbones");
  await migrate({ connectionString: database.connectionString });
  api = await startTestApi({ connectionString: database.connectionString, dataDir, modelCatalog });
  worker = await startWorker({ db: api.db, connectionString: database.connectionString, storage: api.storage, poolSize: 2, dataDir, mlThreads: 1, modelCatalog });
  web = await startWebServer({ apiOrigin: api.origin, secret: TEST_SESSION_SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await worker?.stop();
  await api?.close();
  await database?.drop();
  await new Promise((resolve) => zoo?.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

const people = browserPeople(() => ({ browser, web }));
afterEach((test: TestContext) => people.finish(test));

describe("Backbones page", () => {
  it("downloads a catalog model with progress until it is a registered backbone, and explains a checksum mismatch", async () => {
    const admin = await seedUser(api.db, { role: "ADMIN" });
    const page = await people.signedInPage(admin, { viewport: { width: 1280, height: 1000 }, timeout: 30_000 });
    await page.goto("/backbones");

    const tiny = page.locator('[data-testid="catalog-model"][data-key="tiny-e2e"]');
    await tiny.getByText("Not on this server", { exact: true }).waitFor();
    await tiny.getByRole("button", { name: "Download Tiny e2e model" }).click();
    await tiny.locator('[data-testid="backbone-job"][data-status="SUCCEEDED"]').waitFor();
    await tiny.getByText("Registered as Tiny e2e model").waitFor();
    // The page re-renders with the new backbone in the table, tapped where the catalog says.
    const row = page.locator('[data-testid="backbone-row"][data-name="Tiny e2e model"]');
    await row.waitFor();
    expect(await row.getAttribute("data-dims")).toBe("4");
    await expect(row.textContent()).resolves.toContain("features");
    await page.locator('[data-testid="catalog-model"][data-key="tiny-e2e"][data-cached="true"]').waitFor();

    const tampered = page.locator('[data-testid="catalog-model"][data-key="tiny-e2e-tampered"]');
    await tampered.getByRole("button", { name: "Download Tampered e2e model" }).click();
    await tampered.locator('[data-testid="backbone-job"][data-status="FAILED"]').waitFor();
    await expect(tampered.getByRole("alert").first().textContent()).resolves.toContain(`has sha256 ${sha256}, expected ${"f".repeat(64)}; the file was not kept`);
    // A failed download can be tried again.
    await tampered.getByRole("button", { name: "Download Tampered e2e model" }).waitFor();
    await screenshot(page, "backbones-downloads");
    expect(await api.db.backbone.count({ where: { name: "Tampered e2e model" } })).toBe(0);
  });

  it("uploads a Keras layers model that a worker converts and registers, and shows the converter's refusal of an unsupported layer", async () => {
    const admin = await seedUser(api.db, { role: "ADMIN" });
    const page = await people.signedInPage(admin, { viewport: { width: 1280, height: 1000 }, timeout: 30_000 });
    await page.goto("/backbones");
    const form = page.getByRole("form", { name: "Import a Keras model" });
    const upload = async (files: Record<string, Buffer>, name: string) => {
      await form.getByLabel("model.json and its weight files").setInputFiles(Object.entries(files).map(([fileName, buffer]) => ({ name: fileName, mimeType: "application/octet-stream", buffer })));
      await form.getByText("3 files").waitFor();
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("Tap layer").fill("features");
      await form.getByLabel("Preprocessing").selectOption("inception");
      await form.getByRole("button", { name: "Upload and convert" }).click();
    };

    await upload(layersModelFiles({ featuresClass: "LSTM" }), "Refused Keras model");
    await form.locator('[data-testid="backbone-job"][data-status="FAILED"]').waitFor();
    await expect(form.getByRole("alert").first().textContent()).resolves.toContain('layer "features" has class LSTM, which the Keras → ONNX converter does not support');

    await upload(layersModelFiles(), "Uploaded Keras model");
    await form.getByText("Registered as Uploaded Keras model").waitFor();
    const row = page.locator('[data-testid="backbone-row"][data-name="Uploaded Keras model"]');
    await row.waitFor();
    expect(await row.getAttribute("data-dims")).toBe("2");
    await expect(row.textContent()).resolves.toContain("8×8");
    await screenshot(page, "backbones-keras-import");
    expect(await api.db.backbone.findUniqueOrThrow({ where: { name: "Uploaded Keras model" } })).toMatchObject({ scale: 1 / 127.5, mean: [1, 1, 1], tapLayer: "features" });
    expect(await api.db.backbone.count({ where: { name: "Refused Keras model" } })).toBe(0);
  });
});
