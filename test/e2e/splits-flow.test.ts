import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { frameKeys } from "@kao/storage";
import { TEST_SESSION_SECRET, startTestApi, type TestApi } from "../support/api.ts";
import { readZip } from "../integration/support/read-zip.ts";
import { followLink, launchChromium, screenshot as fullPageScreenshot } from "./support/browser.ts";
import { browserPeople } from "./support/people.ts";
import { startWebServer, type WebServer } from "./support/web-server.ts";

type SeededUser = Awaited<ReturnType<typeof seedUser>>;
type SplitLabel = "FACE" | "NO_FACE";

let api: TestApi;
let web: WebServer;
let browser: Browser;

beforeAll(async () => {
  api = await startTestApi();
  web = await startWebServer({ apiOrigin: api.origin, secret: TEST_SESSION_SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.close();
});

const people = browserPeople(() => ({ browser, web }));
afterEach((test: TestContext) => people.finish(test));
const signedInPage = (user: { email: string; password: string }) => people.signedInPage(user, { acceptDownloads: true });

/** The whole page from its top: scrolled, the sticky top bar would be drawn across the middle of it. */
async function screenshot(page: Page, name: string) {
  await page.evaluate("window.scrollTo(0, 0)");
  await fullPageScreenshot(page, name);
}

// ---------------------------------------------------------------------------------------------
// Seeding: three titles of whole scenes with FACE / NO_FACE consensus and real JPEGs in the API's
// storage, a title without labels, and two frames of the first title still unlabelled.

const SCENE_SIZE = 3;

function faceSvg(hue: number, shift: number) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
  <rect width="640" height="360" fill="hsl(${hue},70%,88%)"/>
  <circle cx="${320 + shift}" cy="190" r="130" fill="#ffd6a5" stroke="#3f3f46" stroke-width="6"/>
  <ellipse cx="${272 + shift}" cy="180" rx="16" ry="22" fill="#3f3f46"/>
  <ellipse cx="${368 + shift}" cy="180" rx="16" ry="22" fill="#3f3f46"/>
  <path d="M${262 + shift} 240 Q${320 + shift} 290 ${378 + shift} 240" stroke="#3f3f46" stroke-width="8" fill="none" stroke-linecap="round"/>
</svg>`;
}

function landscapeSvg(hue: number, shift: number) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
  <rect width="640" height="360" fill="hsl(${hue},80%,85%)"/>
  <circle cx="${500 - shift}" cy="90" r="45" fill="#fde047"/>
  <path d="M0 300 L150 150 L260 260 L380 120 L640 320 L640 360 L0 360 Z" fill="hsl(${(hue + 90) % 360},55%,35%)"/>
</svg>`;
}

const randomHash = () => BigInt.asIntN(64, randomBytes(8).readBigUInt64BE());
/** 12 bits (20–31): beyond the default 10-bit leakage distance, within 12. */
const TWELVE_BITS = 0xfff00000n;

interface SeededFrame {
  id: string;
  sha256: string;
  titleId: string;
  label: SplitLabel | null;
  image: Buffer;
}

interface SplitsDataset {
  datasetId: string;
  datasetName: string;
  admin: SeededUser;
  reviewer: SeededUser;
  labeller: SeededUser;
  titles: { frieren: { id: string; name: string }; mononoke: { id: string; name: string }; paprika: { id: string; name: string }; empty: { id: string; name: string } };
  frames: SeededFrame[];
}

/**
 * Frieren and Mononoke: 6 scenes of 3 frames each; Paprika: 4 scenes (the title to hold out). Labels
 * alternate by scene. Paprika's first scene is a look-alike of Frieren's first (a slightly other hue,
 * so other pixels; hashes 12 bits apart), so it counts as a leak only from 12 bits on, and only
 * between the distinct split and another.
 */
async function seedSplitsDataset(): Promise<SplitsDataset> {
  const tag = randomUUID().slice(0, 6);
  const [admin, reviewer, labeller] = await Promise.all([
    seedUser(api.db, { role: "ADMIN", name: `Ada Admin ${tag}` }),
    seedUser(api.db, { role: "REVIEWER", name: `Rita Reviewer ${tag}` }),
    seedUser(api.db, { role: "LABELER", name: `Lou Labeller ${tag}` }),
  ]);
  const datasetName = `E2E splits ${tag}`;
  const dataset = await seedDataset(api.db, { name: datasetName, members: [admin, reviewer, labeller], createdById: admin.id });
  const [frieren, mononoke, paprika, empty] = await Promise.all(
    ["Frieren", "Mononoke", "Paprika", "Unlabelled"].map((name) => seedTitle(api.db, { datasetId: dataset.id, name: `${name} ${tag}` })),
  );
  if (!frieren || !mononoke || !paprika || !empty) throw new Error("titles were not seeded");
  const frames: SeededFrame[] = [];
  const lookAlike = randomHash();
  let picture = 0;

  async function addFrame(titleId: string, sceneId: string | null, position: number, label: SplitLabel | null, phash: bigint, art: { face: boolean; hue: number }) {
    const image = await sharp(Buffer.from(art.face ? faceSvg(art.hue, position * 6) : landscapeSvg(art.hue, position * 6)))
      .jpeg({ quality: 85 })
      .toBuffer();
    const thumbnail = await sharp(image).resize(320, 180).jpeg({ quality: 80 }).toBuffer();
    const sha256 = createHash("sha256").update(image).digest("hex");
    const keys = frameKeys(dataset.id, sha256);
    await Promise.all([api.storage.put(keys.image, image), api.storage.put(keys.display, image), api.storage.put(keys.thumbnail, thumbnail)]);
    const frame = await api.db.frame.create({
      data: {
        datasetId: dataset.id,
        titleId,
        sceneId,
        timestampMs: position * 1000,
        sourceName: `still-${String(picture++).padStart(3, "0")}.jpg`,
        storageKey: keys.prefix,
        sha256,
        phash,
        width: 640,
        height: 360,
        ...(label ? { labelStatus: "DONE" as const, consensus: { create: { label, method: "UNANIMOUS" as const } } } : {}),
      },
      select: { id: true },
    });
    frames.push({ id: frame.id, sha256, titleId, label, image });
  }

  async function addScenes(titleId: string, count: number, hueBase: number, baseHash: (scene: number) => bigint) {
    for (let s = 0; s < count; s++) {
      const scene = await api.db.scene.create({ data: { datasetId: dataset.id }, select: { id: true } });
      const label: SplitLabel = s % 2 === 0 ? "FACE" : "NO_FACE";
      const base = baseHash(s);
      // Frames of a scene are one bit apart, as the importer's are.
      for (let i = 0; i < SCENE_SIZE; i++) {
        await addFrame(titleId, scene.id, i, label, BigInt.asIntN(64, base ^ (i === 0 ? 0n : 1n << BigInt(i))), { face: label === "FACE", hue: (hueBase + s * 47) % 360 });
      }
    }
  }

  await addScenes(frieren.id, 6, 10, (s) => (s === 0 ? BigInt.asIntN(64, lookAlike ^ TWELVE_BITS) : randomHash()));
  await addScenes(mononoke.id, 6, 130, () => randomHash());
  await addScenes(paprika.id, 4, 16, (s) => (s === 0 ? lookAlike : randomHash()));
  // Not labelled yet: two more stills of Frieren (imported later in the test), and a title without any label.
  await addFrame(frieren.id, null, 0, null, randomHash(), { face: true, hue: 300 });
  await addFrame(frieren.id, null, 1, null, randomHash(), { face: false, hue: 320 });
  await addFrame(empty.id, null, 0, null, randomHash(), { face: true, hue: 200 });
  return { datasetId: dataset.id, datasetName, admin, reviewer, labeller, titles: { frieren, mononoke, paprika, empty }, frames };
}

const CREATE_SPLIT = /* GraphQL */ `
  mutation($datasetId: ID!, $input: CreateSplitInput!) {
    createSplit(datasetId: $datasetId, input: $input) { __typename ... on CreateSplitSuccess { data { id } } ... on Error { message } }
  }
`;

/** Frames of a version as zip paths (`split/label/<sha256>.jpg`), from the database. */
async function expectedZipPaths(splitVersionId: string): Promise<Map<string, string>> {
  const rows = await api.db.splitAssignment.findMany({
    where: { splitVersionId },
    select: { split: true, frame: { select: { id: true, sha256: true, consensus: { select: { label: true } } } } },
  });
  const paths = new Map<string, string>();
  for (const row of rows) {
    const label = row.frame.consensus?.label;
    if (label === "FACE" || label === "NO_FACE") paths.set(`${row.split.toLowerCase()}/${label.toLowerCase()}/${row.frame.sha256}.jpg`, row.frame.id);
  }
  return paths;
}

/** What the page's `<img>` elements tell about loading (the test's TypeScript has no DOM types). */
const naturalWidth = (element: unknown) => {
  const img = element as { complete: boolean; naturalWidth: number };
  return img.complete ? img.naturalWidth : 0;
};

describe("splits", () => {
  it("lets an admin hold a title out, split, check leakage, lock, export and import labels", async () => {
    const seeded = await seedSplitsDataset();
    const { datasetId, titles } = seeded;
    const labelled = seeded.frames.filter((frame) => frame.label !== null);
    const page = await signedInPage(seeded.admin);

    // The dataset page says there is no split yet and leads to the splits page.
    await page.goto(`/datasets/${datasetId}`);
    await page.getByTestId("current-split").filter({ hasText: "No split yet" }).waitFor();
    await followLink(page, page.getByTestId("splits-link"), `/datasets/${datasetId}/splits`);
    await page.getByRole("heading", { level: 1, name: "Splits" }).waitFor();
    await page.getByText("No split yet").waitFor();

    // A title without labelled frames cannot be the distinct test set: the API's reason is shown.
    const emptyRow = page.locator(`[data-testid="title-row"][data-title="${titles.empty.name}"]`);
    await emptyRow.getByRole("switch").click();
    await emptyRow.getByRole("alert").filter({ hasText: "has no labelled frames" }).waitFor();
    expect(await emptyRow.getAttribute("data-distinct")).toBe("false");

    const paprikaRow = page.locator(`[data-testid="title-row"][data-title="${titles.paprika.name}"]`);
    await paprikaRow.getByRole("switch", { checked: false }).click();
    await paprikaRow.getByRole("switch", { checked: true }).waitFor();
    expect((await api.db.title.findUniqueOrThrow({ where: { id: titles.paprika.id } })).isDistinct).toBe(true);
    await screenshot(page, "splits-titles");

    // New split: the paper's ratios by default, checked live.
    await page.getByRole("button", { name: "New split" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByLabel("Name").inputValue()).toBe("v1");
    expect(await dialog.getByLabel("Train (%)").inputValue()).toBe("48");
    expect(await dialog.getByLabel("Validation (%)").inputValue()).toBe("20");
    expect(await dialog.getByLabel("Test (%)").inputValue()).toBe("32");
    expect(await dialog.getByTestId("ratio-check").textContent()).toContain("Adds up to 100%");
    const seed = Number(await dialog.getByLabel("Seed", { exact: true }).inputValue());
    expect(Number.isInteger(seed)).toBe(true);
    await dialog.getByLabel("Validation (%)").fill("25");
    await dialog.getByTestId("ratio-check").filter({ hasText: "add up to 105%" }).waitFor();
    expect(await dialog.getByRole("button", { name: "Create split" }).isDisabled()).toBe(true);
    await screenshot(page, "split-new-invalid");
    await dialog.getByLabel("Validation (%)").fill("20");
    await dialog.getByTestId("ratio-check").filter({ hasText: "Adds up to 100%" }).waitFor();
    expect(await dialog.getByText(`Held out as the distinct test set: ${titles.paprika.name}.`).count()).toBe(1);
    await screenshot(page, "split-new");
    await dialog.getByRole("button", { name: "Create split" }).click();

    // The new version opens on its own page (a full page load), with the leakage report.
    await page.waitForURL(/\/splits\/[0-9a-f-]{36}$/);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const versionId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const version = await api.db.splitVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(version).toMatchObject({ datasetId, name: "v1", seed, lockedAt: null });
    await page.getByRole("heading", { level: 1, name: "Split v1" }).waitFor();
    const report = page.getByTestId("leakage-report");
    await report.getByText("No near-duplicates across splits").waitFor();
    expect(await report.getAttribute("data-pairs")).toBe("0");
    expect(await report.getAttribute("data-max-distance")).toBe("10");
    expect(await page.getByTestId("leakage-example").count()).toBe(0);

    // Per-split counts and label balance match what the API assigned.
    const assignments = await api.db.splitAssignment.groupBy({ by: ["split"], where: { splitVersionId: versionId }, _count: true });
    expect(assignments.reduce((sum, row) => sum + row._count, 0)).toBe(labelled.length);
    for (const row of assignments) {
      expect(await page.locator(`[data-testid="split-row"][data-split="${row.split}"]`).getAttribute("data-frames")).toBe(String(row._count));
    }
    const distinctRow = page.locator('[data-testid="split-row"][data-split="DISTINCT"]');
    expect(await distinctRow.getAttribute("data-frames")).toBe(String(4 * SCENE_SIZE));
    expect(await distinctRow.getAttribute("data-face")).toBe(String(2 * SCENE_SIZE));
    expect(await distinctRow.getAttribute("data-no-face")).toBe(String(2 * SCENE_SIZE));
    const paprikaTitleRow = page.locator(`[data-testid="title-split-row"][data-title="${titles.paprika.name}"]`);
    expect(await paprikaTitleRow.locator('[data-split="DISTINCT"]').getAttribute("data-face")).toBe(String(2 * SCENE_SIZE));
    expect(await paprikaTitleRow.locator('[data-split="TRAIN"]').getAttribute("data-face")).toBe("0");
    await screenshot(page, "split-version");

    // Past 12 bits, Paprika's look-alike of Frieren's first scene shows up, side by side.
    await page.getByLabel("Max distance").selectOption("12");
    await page.waitForURL((url) => url.searchParams.get("distance") === "12");
    await page.locator('[data-testid="leakage-report"][data-max-distance="12"]').waitFor();
    expect(Number(await report.getAttribute("data-pairs"))).toBe(SCENE_SIZE);
    await report.getByText(`${SCENE_SIZE} near-duplicate pairs across splits`).waitFor();
    const examples = page.getByTestId("leakage-example");
    expect(await examples.count()).toBe(SCENE_SIZE);
    const first = examples.first();
    expect(await first.getAttribute("data-distance")).toBe("12");
    expect(await first.textContent()).toContain("Distinct test");
    expect(await first.textContent()).toContain(titles.paprika.name);
    expect(await first.textContent()).toContain(titles.frieren.name);
    for (const image of await first.locator("img").all()) await expect.poll(() => image.evaluate(naturalWidth), { timeout: 15_000 }).toBe(320);
    let distinctPairs = 0;
    for (const cell of await page.locator('[data-testid="leakage-pair-count"][data-b="DISTINCT"]').all()) distinctPairs += Number(await cell.getAttribute("data-pairs"));
    expect(distinctPairs).toBe(SCENE_SIZE);
    await screenshot(page, "split-leakage");

    // Lock, after a dialog that says what it means.
    await followLink(page, page.getByRole("link", { name: "Splits", exact: true }), `/datasets/${datasetId}/splits`);
    const row = page.locator('[data-testid="split-version"][data-name="v1"]');
    await row.getByRole("button", { name: "Lock split v1" }).click();
    const lockDialog = page.getByRole("dialog");
    expect(await lockDialog.textContent()).toContain("freezes its assignments for good");
    await screenshot(page, "split-lock-dialog");
    await lockDialog.getByRole("button", { name: "Lock split" }).click();
    await page.locator('[data-testid="split-version"][data-name="v1"][data-locked="true"]').waitFor();
    expect((await api.db.splitVersion.findUniqueOrThrow({ where: { id: versionId } })).lockedAt).not.toBeNull();
    expect(await row.getByRole("button", { name: "Lock split v1" }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "Resplit v1" }).count()).toBe(0);

    // The zip export, downloaded through the web app: one JPEG per frame in split/label/, and labels.csv.
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "Download v1 as Zip" }).click()]);
    expect(download.suggestedFilename()).toBe(`E2E-splits-${seeded.datasetName.split(" ").at(-1)}-v1.zip`);
    const zipPath = await download.path();
    const entries = await readZip(await readFile(zipPath));
    const expected = await expectedZipPaths(versionId);
    expect(expected.size).toBe(labelled.length);
    expect(new Set(entries.keys())).toEqual(new Set([...expected.keys(), "labels.csv"]));
    const imageOf = new Map(seeded.frames.map((frame) => [frame.id, frame.image]));
    for (const [path, frameId] of expected) expect(entries.get(path)?.equals(imageOf.get(frameId) ?? Buffer.alloc(0)), path).toBe(true);
    expect([...entries.keys()].filter((path) => path.startsWith("distinct/"))).toHaveLength(4 * SCENE_SIZE);
    const labelsCsv = entries.get("labels.csv")?.toString("utf8") ?? "";
    expect(labelsCsv.trim().split("\r\n")).toHaveLength(labelled.length + 1);
    await screenshot(page, "splits-locked");

    // Labels from a file: a dry run lists the bad line and changes nothing; fixed, it applies.
    const unlabelled = seeded.frames.filter((frame) => frame.label === null && frame.titleId === titles.frieren.id);
    const [one, two] = unlabelled;
    if (!one || !two) throw new Error("the unlabelled Frieren frames were not seeded");
    const unknown = "f".repeat(64);
    const panel = page.getByTestId("import-labels");
    await panel.getByLabel("Labels", { exact: true }).fill(`sha256,label\r\n${one.sha256},FACE\r\n${unknown},NO_FACE\r\n`);
    await panel.getByRole("button", { name: "Check (dry run)" }).click();
    await panel.getByTestId("import-problem").filter({ hasText: "Line 3" }).filter({ hasText: "Unknown sha256" }).waitFor();
    expect(await panel.getByRole("button", { name: "Apply" }).isDisabled()).toBe(true);
    await screenshot(page, "splits-import-problems");
    await panel.getByLabel("Labels", { exact: true }).fill(`sha256,label\r\n${one.sha256},FACE\r\n${two.sha256},no face\r\n`);
    await panel.getByRole("button", { name: "Check (dry run)" }).click();
    await panel.getByTestId("import-dry-run").filter({ hasText: "2 would get a label" }).waitFor();
    expect(await api.db.consensus.count({ where: { frameId: { in: [one.id, two.id] } } })).toBe(0);
    await panel.getByRole("button", { name: "Apply" }).click();
    await panel.getByTestId("import-applied").waitFor();
    const consensus = await api.db.consensus.findMany({ where: { frameId: { in: [one.id, two.id] } }, select: { frameId: true, label: true, method: true } });
    expect(new Map(consensus.map((row) => [row.frameId, row.label]))).toEqual(
      new Map([
        [one.id, "FACE"],
        [two.id, "NO_FACE"],
      ]),
    );
    // The locked version does not take them: it says so instead of offering to append.
    await row.getByTestId("pending-notice").filter({ hasText: "2 frames labelled since are not in this split" }).waitFor();
    expect(await row.getByRole("button", { name: /Append pending/ }).count()).toBe(0);
    await screenshot(page, "splits-import");

    // The dataset page shows the current split.
    await followLink(page, page.getByRole("link", { name: `← ${seeded.datasetName}` }), `/datasets/${datasetId}`);
    const card = page.getByTestId("current-split");
    await card.getByText("Locked", { exact: true }).waitFor();
    expect(await card.getByRole("link", { name: "v1" }).count()).toBe(1);
    await screenshot(page, "dataset-splits-card");
  });

  it("shows reviewers the exports and hides them from labellers, whom the proxy refuses", async () => {
    const seeded = await seedSplitsDataset();
    await api.db.title.update({ where: { id: seeded.titles.paprika.id }, data: { isDistinct: true } });
    const { token } = await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, seeded.admin.id, { name: "e2e" });
    const created = await api.graphql<{ createSplit: { __typename: string; data?: { id: string }; message?: string } }>(CREATE_SPLIT, {
      token,
      variables: { datasetId: seeded.datasetId, input: { name: "paper", seed: 7 } },
    });
    const versionId = created.data?.createSplit.data?.id;
    if (!versionId) throw new Error(`createSplit failed: ${JSON.stringify(created)}`);

    // A labeller reads splits and leakage, but gets no export link, no admin control, and no file.
    const labeller = await signedInPage(seeded.labeller);
    await labeller.goto(`/datasets/${seeded.datasetId}/splits`);
    await labeller.locator('[data-testid="split-version"][data-name="paper"]').waitFor();
    expect(await labeller.getByTestId("export-links").count()).toBe(0);
    expect(await labeller.getByRole("button", { name: "New split" }).count()).toBe(0);
    expect(await labeller.getByRole("switch").count()).toBe(0);
    expect(await labeller.getByTestId("import-labels").count()).toBe(0);
    await screenshot(labeller, "splits-labeller");
    await labeller.goto(`/datasets/${seeded.datasetId}/splits/${versionId}`);
    await labeller.getByText("No near-duplicates across splits").waitFor();
    expect(await labeller.getByTestId("export-links").count()).toBe(0);
    const refused = await labeller.request.get(`/exports/${versionId}.zip`);
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("ADMIN or REVIEWER");

    // A reviewer downloads the CSV through the web app under the API's file name.
    const reviewer = await signedInPage(seeded.reviewer);
    await reviewer.goto(`/datasets/${seeded.datasetId}/splits/${versionId}`);
    const [download] = await Promise.all([reviewer.waitForEvent("download"), reviewer.getByRole("link", { name: "Download paper as CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/-paper\.csv$/);
    const csv = await readFile(await download.path(), "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("frame_id,sha256,label,split,title,distinct,scene_id,video_id,video,episode,timestamp_ms,source_name");
    expect(lines).toHaveLength(seeded.frames.filter((frame) => frame.label !== null).length + 1);
    expect(lines.filter((line) => line.includes(",DISTINCT,"))).toHaveLength(4 * SCENE_SIZE);
    expect(await reviewer.getByRole("button", { name: /Lock split/ }).count()).toBe(0);
    await screenshot(reviewer, "split-version-reviewer");
  });
  it("lets an admin append newly labelled frames and resplit after a title becomes distinct", async () => {
    const seeded = await seedSplitsDataset();
    const { titles } = seeded;
    const { token } = await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, seeded.admin.id, { name: "e2e" });
    const created = await api.graphql<{ createSplit: { __typename: string; data?: { id: string }; message?: string } }>(CREATE_SPLIT, {
      token,
      variables: { datasetId: seeded.datasetId, input: { name: "draft", seed: 3 } },
    });
    const versionId = created.data?.createSplit.data?.id;
    if (!versionId) throw new Error(`createSplit failed: ${JSON.stringify(created)}`);
    // Two Frieren stills get their final label after the split was made.
    const late = seeded.frames.filter((frame) => frame.label === null && frame.titleId === titles.frieren.id);
    expect(late).toHaveLength(2);
    for (const frame of late) {
      await api.db.frame.update({ where: { id: frame.id }, data: { labelStatus: "DONE", consensus: { create: { label: "FACE", method: "UNANIMOUS" } } } });
    }

    const page = await signedInPage(seeded.admin);
    await page.goto(`/datasets/${seeded.datasetId}/splits`);
    const row = page.locator('[data-testid="split-version"][data-name="draft"]');
    await row.getByTestId("pending-notice").filter({ hasText: "2 frames labelled since are not in this split" }).waitFor();
    await screenshot(page, "splits-pending");
    await row.getByRole("button", { name: "Append pending (2)" }).click();
    await row.getByTestId("pending-notice").waitFor({ state: "detached" });
    const appended = await api.db.splitAssignment.findMany({ where: { splitVersionId: versionId, frameId: { in: late.map((frame) => frame.id) } } });
    expect(appended).toHaveLength(2);
    const bar = row.getByTestId("split-bar");
    const barTotal = async () => {
      let total = 0;
      for (const split of ["train", "val", "test", "distinct"]) total += Number(await bar.getAttribute(`data-${split}`));
      return total;
    };
    expect(await barTotal()).toBe(seeded.frames.filter((frame) => frame.label !== null).length + 2);
    expect(await bar.getAttribute("data-distinct")).toBe("0");

    // Mononoke becomes distinct: the unlocked version now contradicts it until it is resplit.
    await page.locator(`[data-testid="title-row"][data-title="${titles.mononoke.name}"]`).getByRole("switch", { checked: false }).click();
    await row.getByTestId("stale-notice").filter({ hasText: `${6 * SCENE_SIZE} frames contradict their title’s distinct setting` }).waitFor();
    await screenshot(page, "splits-stale");
    await row.getByTestId("stale-notice").getByRole("button", { name: "Resplit draft" }).click();
    await row.getByTestId("stale-notice").getByRole("button", { name: "Resplit", exact: true }).click();
    await row.getByTestId("stale-notice").waitFor({ state: "detached" });
    const mononoke = await api.db.splitAssignment.groupBy({ by: ["split"], where: { splitVersionId: versionId, frame: { titleId: titles.mononoke.id } }, _count: true });
    expect(mononoke).toEqual([{ split: "DISTINCT", _count: 6 * SCENE_SIZE }]);
    expect(await bar.getAttribute("data-distinct")).toBe(String(6 * SCENE_SIZE));
  });
});
