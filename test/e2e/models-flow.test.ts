import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from "vitest";
import type { Split } from "@kao/db";
import { seedDataset } from "@kao/db/seed";
import { frameKeys } from "@kao/storage";
import { ensureDefaultBackbones } from "@kao/worker";
import { TEST_SESSION_SECRET, type TestApi } from "../support/api.ts";
import { expectData, signedIn } from "../integration/support/graphql.ts";
import { classColour, colourImage, seedImageFrame, seedSplitVersion, startMlEnv, tinyBackboneModel, waitForJob, type MlEnv } from "../integration/support/ml-fixtures.ts";
import { followLink, launchChromium, screenshot } from "./support/browser.ts";
import { browserPeople } from "./support/people.ts";
import { startWebServer, type WebServer } from "./support/web-server.ts";

// The models screens on real parts: the API and a worker on a database of their own (so other files'
// workers cannot take these jobs), the built-in MobileNetV2 converted from nsfwjs, the built web app
// and Chromium. An admin extracts features, trains a small grid, reads the paper's Table 1 and Table 2
// (compared number by number with the API), publishes, tries images and reorders the labelling queue.

const MOBILENET = "MobileNetV2 out_relu (nsfwjs)";

let env: MlEnv;
let api: TestApi;
let web: WebServer;
let browser: Browser;

beforeAll(async () => {
  env = await startMlEnv({ trainThreads: 1 });
  api = env.api;
  // The built-in backbones, converted into this API's and worker's data folder as `kao start` does.
  await ensureDefaultBackbones({ db: api.db, dataDir: env.dataDir });
  web = await startWebServer({ apiOrigin: api.origin, secret: TEST_SESSION_SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await env?.close();
});

const people = browserPeople(() => ({ browser, web }));
afterEach((test: TestContext) => people.finish(test));
const signedInPage = (user: { email: string; password: string }) => people.signedInPage(user, { viewport: { width: 1280, height: 900 }, timeout: 20_000 });

/** Full-page screenshots from the top: scrolled down, the sticky header would be drawn mid-page. */
async function shoot(page: Page, name: string) {
  await page.evaluate("window.scrollTo(0, 0)");
  await screenshot(page, name);
}

// ---------------------------------------------------------------------------------------------
// Seeding: red-ish FACE and blue-ish NO_FACE frames (ml-fixtures' colours) in all four splits, a
// distinct title, unlabelled frames for the queue, and a split version.

const PER_SPLIT: Record<Exclude<Split, "UNASSIGNED">, number> = { TRAIN: 12, VAL: 5, TEST: 5, DISTINCT: 4 };
const UNLABELLED = 6;

async function seedModelsDataset() {
  const tag = randomUUID().slice(0, 6);
  const admin = await signedIn(api, { role: "ADMIN", name: `Ada Admin ${tag}` });
  const labeller = await signedIn(api, { role: "LABELER", name: `Lee Labeller ${tag}` });
  const dataset = await seedDataset(api.db, { name: `E2E models ${tag}`, members: [admin.user, labeller.user], createdById: admin.user.id });
  const title = await api.db.title.create({ data: { datasetId: dataset.id, name: `Sakura Quest ${tag}` } });
  const distinct = await api.db.title.create({ data: { datasetId: dataset.id, name: `Kaiba ${tag}`, isDistinct: true } });
  const assignments: { frameId: string; split: Split }[] = [];
  let seed = 0;
  const frame = async (label: "FACE" | "NO_FACE" | null, split: Split, colourLabel: "FACE" | "NO_FACE") => {
    seed += 1;
    const colour = classColour(colourLabel, seed);
    const row = await seedImageFrame(api.db, api.storage, { datasetId: dataset.id, titleId: split === "DISTINCT" ? distinct.id : title.id, colour, seed, label, split });
    // seedImageFrame stores the display image (what extraction reads); the pages also show thumbnails.
    const jpeg = await colourImage(colour, seed);
    const keys = frameKeys(dataset.id, row.sha256);
    await Promise.all([api.storage.put(keys.thumbnail, jpeg), api.storage.put(keys.image, jpeg)]);
    if (label) assignments.push({ frameId: row.id, split });
  };
  for (const [split, count] of Object.entries(PER_SPLIT) as [Split, number][]) {
    for (const label of ["FACE", "NO_FACE"] as const) {
      // One FACE frame per split looks like the other class (a hard case, or a labelling slip), so
      // that the tables hold figures below 100% that differ between kernels.
      for (let i = 0; i < count; i++) await frame(label, split, label === "FACE" && i === count - 1 ? "NO_FACE" : label);
    }
  }
  for (let i = 0; i < UNLABELLED; i++) await frame(null, "UNASSIGNED", i % 2 === 0 ? "FACE" : "NO_FACE");
  const version = await seedSplitVersion(api.db, dataset.id, assignments);
  return { datasetId: dataset.id, admin, labeller, version, frames: seed };
}

// ---------------------------------------------------------------------------------------------
// What the API says, to compare the screens with.

const SCORE = "count accuracy balancedAccuracy";
const RESULTS = `query($datasetId: ID!, $jobId: ID) { trainingRuns(datasetId: $datasetId, jobId: $jobId) {
  runs { id variant C hasModel selected published }
  table { kernel backbone { name } run { id selected published } train { ${SCORE} } val { ${SCORE} } test { ${SCORE} } distinct { ${SCORE} } } } }`;
const RUN = `query($id: ID!) { trainingRun(id: $id) { id published metrics {
  test { count accuracy precision recall f1 confusion { truePositives falsePositives trueNegatives falseNegatives } } } } }`;
const TRAINING_JOB = `query($id: ID!) { trainingJob(id: $id) { status selectedRun { id } } }`;
const START_EXTRACTION = `mutation($input: StartExtractionInput!) { startExtraction(input: $input) { ... on StartExtractionSuccess { data { id } } } }`;
const START_TRAINING = `mutation($input: StartTrainingInput!) { startTraining(input: $input) { ... on StartTrainingSuccess { data { id } } } }`;
const PUBLISH = `mutation($runId: ID!) { publishRun(runId: $runId) { __typename } }`;

type Score = { count: number; accuracy: number; balancedAccuracy: number };
type TableRow = { kernel: string; backbone: { name: string }; run: { id: string; selected: boolean; published: boolean } } & Record<"train" | "val" | "test" | "distinct", Score | null>;

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

/** The figure shown in a results cell, its exact value and whether it is marked best. */
async function readCell(cell: Locator) {
  return {
    text: (await cell.getByTestId("score").textContent())?.trim() ?? null,
    value: Number(await cell.getAttribute("data-value")),
    best: (await cell.getAttribute("data-best")) === "true",
  };
}

/** Checks a table on screen against the API's rows: order, kernels, every figure, best marks, the picked row. */
async function expectTableMatches(page: Page, testId: "table-1" | "table-2", rows: TableRow[], metric: "accuracy" | "balancedAccuracy") {
  const splits = testId === "table-1" ? (["train", "val", "test"] as const) : (["distinct"] as const);
  const shown = page.getByTestId(testId).getByTestId("results-row");
  expect(await shown.count()).toBe(rows.length);
  for (const [index, row] of rows.entries()) {
    const tr = shown.nth(index);
    expect(await tr.getAttribute("data-run-id")).toBe(row.run.id);
    expect(await tr.getAttribute("data-kernel")).toBe(row.kernel);
    expect(await tr.getAttribute("data-selected")).toBe(String(row.run.selected));
    for (const split of splits) {
      const score = row[split];
      if (!score) throw new Error(`the API has no ${split} figures for ${row.kernel}`);
      const best = Math.max(...rows.map((other) => other[split]?.[metric] ?? -1));
      const cell = await readCell(tr.locator(`td[data-split="${split}"]`));
      expect(cell, `${testId} ${row.kernel} ${split}`).toEqual({ text: percent(score[metric]), value: score[metric], best: score[metric] === best });
    }
  }
}

/** Waits until a locator's attribute has a value (a live page re-renders as jobs finish). */
async function waitForAttribute(locator: Locator, name: string, value: string, timeout = 60_000) {
  await locator.and(locator.page().locator(`[${name}="${value}"]`)).waitFor({ timeout });
}

describe("models", () => {
  it("lets an admin extract, train a grid, read Table 1 and Table 2, publish, try images and suggest frames", { timeout: 240_000 }, async () => {
    const seeded = await seedModelsDataset();
    const { datasetId, admin } = seeded;
    const page = await signedInPage(admin.user);

    // The backbones page lists the built-in backbones with their shapes, and the zoo catalog.
    await followLink(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Backbones" }), "/backbones");
    const mobilenet = page.locator(`[data-testid="backbone-row"][data-name="${MOBILENET}"]`);
    await mobilenet.waitFor();
    expect(await mobilenet.getAttribute("data-dims")).toBe("1280");
    expect(await mobilenet.textContent()).toContain("224×224");
    expect(await mobilenet.textContent()).toContain("x / 255");
    expect(await page.locator('[data-testid="backbone-row"][data-name$="(nsfwjs)"]').count()).toBe(3);
    expect(await page.locator('[data-testid="catalog-model"][data-cached="false"]').count()).toBe(3);
    await shoot(page, "models-backbones");

    // Register an ONNX file from the server: a wrong path gets the API's reason under the field,
    // then the tiny test CNN registers with its size read from the model and its tap found.
    const tinyName = `Tiny CNN ${randomUUID().slice(0, 6)}`;
    const tinyFile = `tiny-${randomUUID().slice(0, 6)}.onnx`;
    await writeFile(path.join(env.dataDir, tinyFile), tinyBackboneModel());
    const register = page.getByRole("form", { name: "Register an ONNX file" });
    await register.getByLabel("Name", { exact: true }).fill(tinyName);
    await register.getByLabel("ONNX file on the server").fill("no-such-model.onnx");
    await register.getByLabel("Pooling", { exact: true }).selectOption("AVG");
    await register.getByLabel("Preprocessing", { exact: true }).selectOption({ label: "Raw pixels, 0…255" });
    await register.getByRole("button", { name: "Register" }).click();
    await register.getByRole("alert").filter({ hasText: "There is no file at" }).waitFor();
    expect(await register.getByLabel("ONNX file on the server").getAttribute("aria-invalid")).toBe("true");
    await shoot(page, "models-register-error");
    await register.getByLabel("ONNX file on the server").fill(tinyFile);
    await register.getByRole("button", { name: "Register" }).click();
    await register.getByText(`Registered ${tinyName}`).waitFor();
    const tinyRow = page.locator(`[data-testid="backbone-row"][data-name="${tinyName}"]`);
    await tinyRow.waitFor();
    expect(await tinyRow.getAttribute("data-dims")).toBe("4");
    expect(await tinyRow.textContent()).toContain("16×16");
    expect(await api.db.backbone.findUniqueOrThrow({ where: { name: tinyName } })).toMatchObject({ modelPath: tinyFile, tapLayer: "features", pooling: "AVG", dims: 4, scale: 1 });

    // The dataset page's models card leads to the models page.
    await page.goto(`/datasets/${datasetId}`);
    await page.getByTestId("models-card").getByText("No frame has features yet.").waitFor();
    await shoot(page, "models-dataset-card");
    await followLink(page, page.getByTestId("models-link"), `/datasets/${datasetId}/models`);
    await page.getByRole("heading", { level: 1, name: "Models" }).waitFor();

    // Extract MobileNetV2 features of every frame, live.
    const coverage = page.locator(`[data-testid="coverage-row"][data-backbone="${MOBILENET}"]`);
    expect(await coverage.getAttribute("data-vectors")).toBe("0");
    expect(await coverage.getAttribute("data-frames")).toBe(String(seeded.frames));
    await coverage.getByRole("button", { name: `Extract features with ${MOBILENET}` }).click();
    await coverage.getByTestId("extraction-job").waitFor();
    await shoot(page, "models-extracting");
    await waitForAttribute(coverage, "data-vectors", String(seeded.frames), 90_000);
    expect(await coverage.getByTestId("coverage-text").textContent()).toBe(`${seeded.frames} / ${seeded.frames} frames (100%)`);
    expect(await api.db.featureVector.count({ where: { frame: { datasetId } } })).toBe(seeded.frames);

    // Train a small grid: linear, RBF and a cubic polynomial, C ∈ {1, 10}. The paper's set is pre-ticked.
    const form = page.getByRole("form", { name: "Train" });
    expect(await form.getByLabel("Backbone").inputValue()).toBe((await api.db.backbone.findUniqueOrThrow({ where: { name: MOBILENET } })).id);
    expect(await form.getByLabel("Split version").inputValue()).toBe(seeded.version.id);
    expect(await form.getByRole("checkbox", { checked: true }).count()).toBe(9); // the paper's kernels; standardising is off
    await form.getByRole("button", { name: "Untick all" }).click();
    for (const kernel of ["Linear", "RBF", "Polynomial (d = 3)"]) await form.getByRole("checkbox", { name: kernel, exact: true }).check();
    await form.getByLabel("Values of C").fill("1, 10");
    await shoot(page, "models-train-form");
    await form.getByRole("button", { name: "Train 6 SVMs" }).click();
    await page.waitForURL((url) => url.searchParams.has("job"));
    const jobId = new URL(page.url()).searchParams.get("job") ?? "";
    await page.getByTestId("table-1").waitFor({ timeout: 120_000 });
    const job = expectData(await admin.graphql<{ trainingJob: { status: string; selectedRun: { id: string } | null } }>(TRAINING_JOB, { id: jobId })).trainingJob;
    expect(job.status).toBe("SUCCEEDED");
    await shoot(page, "models-results");

    // Table 1 and Table 2 show exactly the API's figures, best per column marked, VAL's pick highlighted.
    const results = expectData(await admin.graphql<{ trainingRuns: { runs: { id: string }[]; table: TableRow[] } }>(RESULTS, { datasetId, jobId })).trainingRuns;
    expect(results.runs).toHaveLength(6);
    expect(results.table.map((row) => row.kernel).sort()).toEqual(["linear", "poly-3", "rbf"]);
    expect(results.table.filter((row) => row.run.selected).map((row) => row.run.id)).toEqual([job.selectedRun?.id]);
    await expectTableMatches(page, "table-1", results.table, "accuracy");
    await expectTableMatches(page, "table-2", results.table, "accuracy");
    for (const row of results.table) expect(row.distinct?.count).toBe(2 * PER_SPLIT.DISTINCT);
    expect(await page.getByTestId("all-runs").getByTestId("grid-run").count()).toBe(6);

    // Balanced accuracy is a toggle away.
    await page.getByRole("button", { name: "Balanced accuracy" }).click();
    await page.locator('[data-testid="results"][data-metric="balancedAccuracy"]').waitFor();
    await expectTableMatches(page, "table-1", results.table, "balancedAccuracy");
    await expectTableMatches(page, "table-2", results.table, "balancedAccuracy");
    await page.getByRole("button", { name: "Accuracy", exact: true }).click();

    // Publish the run validation picked.
    const picked = page.getByTestId("table-1").locator('[data-testid="results-row"][data-selected="true"]');
    const pickedId = await picked.getAttribute("data-run-id");
    expect(pickedId).toBe(job.selectedRun?.id);
    await picked.getByRole("button", { name: /^Publish / }).click();
    await shoot(page, "models-publish-dialog");
    await page.getByRole("dialog").getByRole("button", { name: "Publish", exact: true }).click();
    await page.locator(`[data-testid="published-run"][data-run-id="${pickedId}"]`).waitFor();
    await waitForAttribute(picked, "data-published", "true");
    expect(expectData(await admin.graphql<{ trainingRun: { published: boolean } }>(RUN, { id: pickedId })).trainingRun.published).toBe(true);

    // Try an image: a red one is a face, a blue one is not, with the API's own decision values.
    const tryBox = page.getByTestId("try-image");
    for (const [label, seed] of [["FACE", 4242], ["NO_FACE", 4343]] as const) {
      const image = await colourImage(classColour(label, seed), seed);
      await tryBox.getByLabel("Image to classify").setInputFiles({ name: `${label.toLowerCase()}.jpg`, mimeType: "image/jpeg", buffer: image });
      const prediction = tryBox.locator(`[data-testid="prediction"][data-label="${label}"]`);
      await prediction.waitFor();
      const direct = await fetch(`${api.origin}/predict?datasetId=${datasetId}`, { method: "POST", headers: { authorization: `Bearer ${admin.token}`, "content-type": "image/jpeg" }, body: image });
      const expected = (await direct.json()) as { label: string; decisionValue: number; runId: string };
      expect(expected).toMatchObject({ label, runId: pickedId });
      expect(Number(await prediction.getAttribute("data-decision-value"))).toBeCloseTo(expected.decisionValue, 6);
      expect(await prediction.getByTestId("prediction-label").textContent()).toBe(label === "FACE" ? "Face" : "No face");
      if (label === "FACE") await shoot(page, "models-try-image");
    }

    // Reorder the labelling queue with the published run: uncertain unlabelled frames first.
    const suggest = page.getByTestId("suggest-frames");
    await suggest.getByLabel("Frames to put first").fill("3");
    await suggest.getByRole("button", { name: "Suggest next frames" }).click();
    const outcome = suggest.getByTestId("suggest-outcome");
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.getAttribute("data-candidates")).toBe(String(UNLABELLED));
    expect(await outcome.getAttribute("data-batch")).toBe("3");
    expect(await outcome.getByRole("img").count()).toBe(3);
    await shoot(page, "models-suggested");

    // The run's own page: a confusion matrix and figures per split, equal to the API's.
    await followLink(page, picked.getByRole("link", { name: /^Details of / }), `/datasets/${datasetId}/models/runs/${pickedId}`);
    await page.getByTestId("run-badges").getByText("Published").waitFor();
    expect(await page.getByTestId("split-metrics").count()).toBe(4);
    const run = expectData(
      await admin.graphql<{ trainingRun: { metrics: { test: { count: number; accuracy: number; precision: number; recall: number; f1: number; confusion: Record<string, number> } } } }>(RUN, { id: pickedId }),
    ).trainingRun.metrics.test;
    const testCard = page.locator('[data-testid="split-metrics"][data-split="test"]');
    const cells = { "face-face": "truePositives", "face-no-face": "falseNegatives", "no-face-face": "falsePositives", "no-face-no-face": "trueNegatives" } as const;
    for (const [cell, field] of Object.entries(cells)) expect(await testCard.getByTestId(`cell-${cell}`).textContent()).toBe(String(run.confusion[field]));
    for (const figure of ["accuracy", "precision", "recall", "f1"] as const) expect(Number(await testCard.getByTestId(figure).getAttribute("data-value"))).toBe(run[figure]);
    await page.locator('[data-testid="prediction-job"][data-status="SUCCEEDED"]').waitFor({ timeout: 60_000 });
    await shoot(page, "models-run");

    // Back on the dataset page, the card names the published run and the features there are.
    await page.goto(`/datasets/${datasetId}`);
    const card = page.getByTestId("models-card");
    await card.getByTestId("published-model").locator(`a[href$="/models/runs/${pickedId}"]`).waitFor();
    expect(await card.getByRole("progressbar", { name: `Frames with ${MOBILENET} features` }).getAttribute("aria-valuenow")).toBe("100");
    await shoot(page, "models-dataset-card-published");
  });

  it("shows a labeller the backbones and the results read-only, without model outputs for their own images", { timeout: 240_000 }, async () => {
    const seeded = await seedModelsDataset();
    const { datasetId, admin } = seeded;
    // Trained and published over the API this time: the screens under test are the labeller's.
    const backboneId = (await api.db.backbone.findUniqueOrThrow({ where: { name: MOBILENET } })).id;
    const extraction = expectData(await admin.graphql<{ startExtraction: { data: { id: string } } }>(START_EXTRACTION, { input: { datasetId, backboneId } })).startExtraction.data;
    expect((await waitForJob(api.db, extraction.id, 90_000)).status).toBe("SUCCEEDED");
    const training = expectData(
      await admin.graphql<{ startTraining: { data: { id: string } } }>(START_TRAINING, { input: { datasetId, backboneId, splitVersionId: seeded.version.id, kernels: [{ kernel: "LINEAR" }, { kernel: "RBF" }], Cs: [1] } }),
    ).startTraining.data;
    expect((await waitForJob(api.db, training.id, 90_000)).status).toBe("SUCCEEDED");
    const selected = expectData(await admin.graphql<{ trainingJob: { selectedRun: { id: string } } }>(TRAINING_JOB, { id: training.id })).trainingJob.selectedRun.id;
    expect(expectData(await admin.graphql<{ publishRun: { __typename: string } }>(PUBLISH, { runId: selected })).publishRun.__typename).toBe("PublishRunSuccess");

    const page = await signedInPage(seeded.labeller.user);
    // No Backbones link for non-admins; the page itself reads, without file paths, the form or the catalog.
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Backbones" }).count()).toBe(0);
    await page.goto("/backbones");
    await page.locator(`[data-testid="backbone-row"][data-name="${MOBILENET}"]`).waitFor();
    expect(await page.getByRole("columnheader", { name: "File" }).count()).toBe(0);
    expect(await page.getByTestId("catalog").count()).toBe(0);
    expect(await page.getByRole("form", { name: "Register an ONNX file" }).count()).toBe(0);

    await page.goto(`/datasets/${datasetId}/models`);
    await page.getByRole("heading", { level: 1, name: "Models" }).waitFor();
    await page.locator(`[data-testid="published-run"][data-run-id="${selected}"]`).waitFor();
    expect(await page.getByTestId("table-1").getByTestId("results-row").count()).toBe(2);
    expect(await page.locator(`[data-testid="results-row"][data-run-id="${selected}"][data-published="true"]`).count()).toBe(2); // Table 1 and Table 2
    expect(await page.getByRole("button", { name: /^Publish/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Extract/ }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Train" }).count()).toBe(0);
    expect(await page.getByTestId("suggest-frames").count()).toBe(0);

    // Labellers label blind: no "Try an image" (the API refuses them model outputs too).
    expect(await page.getByTestId("try-image").count()).toBe(0);
    await shoot(page, "models-labeller");
    await page.goto(`/datasets/${datasetId}/models/runs/${selected}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByTestId("try-image").count()).toBe(0);
  });
});
