import { createHash, randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { seedDataset, seedTitle, seedUser } from "@kao/db/seed";
import { frameKeys } from "@kao/storage";
import { TEST_SESSION_SECRET, startTestApi, type TestApi } from "../support/api.ts";
import { followLink, launchChromium, screenshot } from "./support/browser.ts";
import { browserPeople } from "./support/people.ts";
import { startWebServer, type WebServer } from "./support/web-server.ts";

type Label = "FACE" | "NO_FACE" | "UNSURE";
type SeededUser = Awaited<ReturnType<typeof seedUser>>;

let api: TestApi;
let web: WebServer;
let browser: Browser;

beforeAll(async () => {
  api = await startTestApi();
  web = await startWebServer({ apiOrigin: api.origin, secret: TEST_SESSION_SECRET });
  browser = await launchChromium();
});

/** Admins this file made; another file counts the active admins of the shared database. */
const admins: string[] = [];

afterAll(async () => {
  if (admins.length) await api.db.user.updateMany({ where: { id: { in: admins } }, data: { deactivatedAt: new Date() } });
  await browser?.close();
  await web?.stop();
  await api?.close();
});

const people = browserPeople(() => ({ browser, web }));
afterEach((test: TestContext) => people.finish(test));
const signedInPage = (user: { email: string; password: string }, viewport = { width: 1280, height: 800 }) => people.signedInPage(user, { viewport });


// ---------------------------------------------------------------------------------------------
// Seeding: a dataset with real JPEGs in the API's storage, two titles, scenes, and a known truth.

/** Frames i with i % 10 in 0–2 form one scene, 5–6 another; the rest stand alone. */
const SCENE_OF = (i: number) => (i % 10 <= 2 ? "a" : i % 10 === 5 || i % 10 === 6 ? "b" : null);
/** The picture shows a face for these positions in each block of ten (scenes share their truth). */
const TRUTH = (i: number): "FACE" | "NO_FACE" => ([0, 1, 2, 3, 7, 8].includes(i % 10) ? "FACE" : "NO_FACE");

function faceSvg(hue: number) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
  <rect width="640" height="360" fill="hsl(${hue},70%,88%)"/>
  <circle cx="320" cy="190" r="130" fill="#ffd6a5" stroke="#3f3f46" stroke-width="6"/>
  <path d="M190 150 Q320 20 450 150 L450 110 Q320 -10 190 110 Z" fill="hsl(${hue},45%,30%)"/>
  <ellipse cx="272" cy="180" rx="16" ry="22" fill="#3f3f46"/>
  <ellipse cx="368" cy="180" rx="16" ry="22" fill="#3f3f46"/>
  <path d="M262 240 Q320 290 378 240" stroke="#3f3f46" stroke-width="8" fill="none" stroke-linecap="round"/>
</svg>`;
}

function landscapeSvg(hue: number) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360">
  <rect width="640" height="360" fill="hsl(${hue},80%,85%)"/>
  <circle cx="500" cy="90" r="45" fill="#fde047"/>
  <path d="M0 300 L150 150 L260 260 L380 120 L640 320 L640 360 L0 360 Z" fill="hsl(${(hue + 90) % 360},55%,35%)"/>
  <path d="M0 330 Q320 280 640 340 L640 360 L0 360 Z" fill="#365314"/>
</svg>`;
}

interface Seeded {
  datasetId: string;
  admin: SeededUser;
  alice: SeededUser;
  bob: SeededUser;
  reviewer: SeededUser;
  /** Frame id → what its picture shows. */
  truth: Map<string, "FACE" | "NO_FACE">;
  frameIds: string[];
}

/** Overlap 2, two titles of 20 frames each, scenes of 3 and 2 frames, a JPEG per frame in the API's storage. */
async function seedLabellingDataset(): Promise<Seeded> {
  const tag = randomUUID().slice(0, 6);
  const [admin, alice, bob, reviewer] = await Promise.all([
    seedUser(api.db, { role: "ADMIN", name: `Ada Admin ${tag}` }),
    seedUser(api.db, { role: "LABELER", name: `Alice ${tag}` }),
    seedUser(api.db, { role: "LABELER", name: `Bob ${tag}` }),
    seedUser(api.db, { role: "REVIEWER", name: `Rita Reviewer ${tag}` }),
  ]);
  admins.push(admin.id);
  const dataset = await seedDataset(api.db, { name: `E2E labelling ${tag}`, overlap: 2, members: [admin, alice, bob, reviewer], createdById: admin.id });
  const titles = [await seedTitle(api.db, { datasetId: dataset.id, name: `Frieren ${tag}` }), await seedTitle(api.db, { datasetId: dataset.id, name: `Mononoke ${tag}` })];
  const truth = new Map<string, "FACE" | "NO_FACE">();
  const frameIds: string[] = [];
  const scenes = new Map<string, string>();
  for (let i = 0; i < 40; i++) {
    const title = titles[i < 20 ? 0 : 1];
    if (!title) throw new Error("no title");
    const sceneKey = SCENE_OF(i);
    let sceneId: string | null = null;
    if (sceneKey) {
      const key = `${Math.floor(i / 10)}${sceneKey}`;
      sceneId = scenes.get(key) ?? (await api.db.scene.create({ data: { datasetId: dataset.id }, select: { id: true } })).id;
      scenes.set(key, sceneId);
    }
    const hue = (i * 37) % 360;
    const image = await sharp(Buffer.from(TRUTH(i) === "FACE" ? faceSvg(hue) : landscapeSvg(hue)))
      .jpeg({ quality: 85 })
      .toBuffer();
    const thumbnail = await sharp(image).resize(320, 180).jpeg({ quality: 80 }).toBuffer();
    const sha256 = createHash("sha256").update(image).digest("hex");
    const keys = frameKeys(dataset.id, sha256);
    await Promise.all([api.storage.put(keys.image, image), api.storage.put(keys.display, image), api.storage.put(keys.thumbnail, thumbnail)]);
    const frame = await api.db.frame.create({
      data: { datasetId: dataset.id, titleId: title.id, sceneId, sourceName: `still-${String(i).padStart(2, "0")}.jpg`, storageKey: keys.prefix, sha256, width: 640, height: 360 },
      select: { id: true },
    });
    truth.set(frame.id, TRUTH(i));
    frameIds.push(frame.id);
  }
  return { datasetId: dataset.id, admin, alice, bob, reviewer, truth, frameIds };
}

// ---------------------------------------------------------------------------------------------
// Reading the labelling screens.

const KEY: Record<Label, string> = { FACE: "f", NO_FACE: "n", UNSURE: "u" };
const OTHER: Record<Label, Label> = { FACE: "NO_FACE", NO_FACE: "FACE", UNSURE: "FACE" };

/** Waits until a frame other than `previous` is on screen and painted; returns its id. */
async function paintedFrame(page: Page, previous: string | null = null): Promise<string> {
  const selector = `[data-testid="label-image"][data-painted="true"]${previous ? `:not([data-frame-id="${previous}"])` : ""}`;
  const image = page.locator(selector);
  await image.waitFor();
  const id = await image.getAttribute("data-frame-id");
  if (!id) throw new Error("the painted image has no data-frame-id");
  return id;
}

/** The next painted frame, or null once the screen says all is done. */
async function nextFrameOrDone(page: Page, previous: string | null): Promise<string | null> {
  const painted = `[data-testid="label-image"][data-painted="true"]${previous ? `:not([data-frame-id="${previous}"])` : ""}`;
  await page.locator(`${painted}, [data-testid="all-done"]`).first().waitFor();
  if (await page.getByTestId("all-done").isVisible()) return null;
  return paintedFrame(page, previous);
}

async function waitAllSaved(page: Page) {
  await page.getByTestId("outbox-saved").waitFor({ timeout: 20_000 });
}

/** Cohen's κ of two labellers over the frames both labelled, as the agreement page should show it. */
function cohenKappa(a: ReadonlyMap<string, Label>, b: ReadonlyMap<string, Label>) {
  const shared = [...a.keys()].filter((id) => b.has(id));
  const n = shared.length;
  const countsA: Record<Label, number> = { FACE: 0, NO_FACE: 0, UNSURE: 0 };
  const countsB: Record<Label, number> = { FACE: 0, NO_FACE: 0, UNSURE: 0 };
  let agree = 0;
  for (const id of shared) {
    const la = a.get(id);
    const lb = b.get(id);
    if (!la || !lb) continue;
    countsA[la] += 1;
    countsB[lb] += 1;
    if (la === lb) agree += 1;
  }
  const observed = agree / n;
  const expected = (["FACE", "NO_FACE", "UNSURE"] as const).reduce((sum, label) => sum + (countsA[label] / n) * (countsB[label] / n), 0);
  return { n, kappa: (observed - expected) / (1 - expected), observed };
}

async function annotationsOf(userId: string, datasetId: string) {
  const rows = await api.db.annotation.findMany({ where: { userId, frame: { datasetId } }, select: { frameId: true, label: true, rules: true, durationMs: true } });
  return new Map(rows.map((row) => [row.frameId, row]));
}

// ---------------------------------------------------------------------------------------------

describe("labelling flow", () => {
  it("labels, reviews and measures agreement from end to end", { timeout: 300_000 }, async () => {
    const seeded = await seedLabellingDataset();
    const { datasetId, truth } = seeded;

    // --- An admin pins two examples from the frames page and adds a rule checkbox.
    let page = await signedInPage(seeded.admin);
    await page.goto(`/datasets/${datasetId}/frames`);
    const faceFrameId = seeded.frameIds[0] ?? "";
    expect(truth.get(faceFrameId)).toBe("FACE");
    await page.locator(`[data-testid="frame-tile"][data-frame-id="${faceFrameId}"]`).click();
    let dialog = page.getByRole("dialog");
    await dialog.getByLabel("Note").fill("A face seen from the front");
    await dialog.getByRole("button", { name: "Pin example" }).click();
    await dialog.getByRole("status").filter({ hasText: "Pinned as a Face example." }).waitFor();
    await screenshot(page, "labelling-pin-example");
    // → to a landscape (the fifth frame of the first block is one), pinned as No face.
    const noFaceId = seeded.frameIds[4] ?? "";
    await page.keyboard.press("Escape");
    await page.locator(`[data-testid="frame-tile"][data-frame-id="${noFaceId}"]`).click();
    dialog = page.getByRole("dialog");
    await dialog.getByLabel("No face").check();
    await dialog.getByLabel("Note").fill("Scenery only");
    await dialog.getByRole("button", { name: "Pin example" }).click();
    await dialog.getByRole("status").filter({ hasText: "Pinned as a No face example." }).waitFor();

    await page.goto(`/datasets/${datasetId}`);
    await expect.poll(() => page.getByTestId("example").count()).toBe(2);
    await page.getByRole("button", { name: "Edit dataset" }).click();
    await page.getByLabel("Rule checkboxes").fill("Half or more of a face\nProfile\nAnimal with human features\nMask");
    await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
    await page.getByTestId("rule-names").filter({ hasText: "Mask" }).waitFor();
    expect((await api.db.dataset.findUniqueOrThrow({ where: { id: datasetId } })).ruleNames).toEqual(["Half or more of a face", "Profile", "Animal with human features", "Mask"]);

    // --- Alice labels 20 frames one by one with the keyboard.
    page = await signedInPage(seeded.alice);
    await page.goto(`/datasets/${datasetId}`);
    await followLink(page, page.getByTestId("labelling-actions").getByRole("link", { name: "Label", exact: true }), `/datasets/${datasetId}/label`);
    await page.getByTestId("rules-panel").getByTestId("example").nth(1).waitFor();
    const alice = new Map<string, Label>();
    let shown = await paintedFrame(page);
    let profileFrame: string | null = null;
    for (let step = 1; step <= 20; step++) {
      const id = shown;
      const right = truth.get(id) ?? "FACE";
      if (step === 3) {
        // A rule ticked with its number key goes with the decision.
        await page.keyboard.press("2");
        await expect.poll(() => page.getByTestId("rule-toggles").getByRole("checkbox", { name: /Profile/ }).isChecked()).toBe(true);
        profileFrame = id;
      }
      if (step === 5) {
        // The wrong key, taken back with Z: the same frame comes back.
        await page.keyboard.press(KEY[OTHER[right]]);
        shown = await paintedFrame(page, id);
        await page.keyboard.press("z");
        expect(await paintedFrame(page, shown)).toBe(id);
      }
      if (step === 8) {
        // On a tablet, the buttons work as well as the keys.
        await page.getByRole("group", { name: "Decision" }).getByRole("button", { name: right === "FACE" ? "Face" : "No face", exact: true }).click();
      } else if (step === 15) {
        // Offline: the decision waits, the next frame is shown at once, and it goes out when the network is back.
        // Earlier decisions must be out first, or they would be counted as waiting too.
        await waitAllSaved(page);
        await people.current?.context.setOffline(true);
        await page.keyboard.press(KEY[right]);
        await page.getByTestId("outbox-offline").filter({ hasText: "1 decision waiting" }).waitFor();
        await screenshot(page, "label-offline");
        await people.current?.context.setOffline(false);
      } else {
        await page.keyboard.press(KEY[right]);
      }
      alice.set(id, right);
      if (step === 1) await screenshot(page, "label-single");
      shown = await paintedFrame(page, id);
      if (step === 10) {
        // ← goes back to the last decision; a key there changes it and moves on.
        await page.keyboard.press("ArrowLeft");
        expect(await paintedFrame(page, shown)).toBe(id);
        await page.getByTestId("looking-back").waitFor();
        await screenshot(page, "label-looking-back");
        await page.keyboard.press("u");
        alice.set(id, "UNSURE");
        expect(await paintedFrame(page, id)).toBe(shown);
      }
    }
    await waitAllSaved(page);
    expect(await page.getByTestId("session-count").textContent()).toBe("20");
    await page.keyboard.press("?");
    await page.getByTestId("key-help").waitFor();
    await screenshot(page, "label-help");
    await page.keyboard.press("Escape");

    let stored = await annotationsOf(seeded.alice.id, datasetId);
    expect(new Map([...stored].map(([id, row]) => [id, row.label]))).toEqual(alice);
    expect(stored.get(profileFrame ?? "")?.rules).toEqual(["Profile"]);
    expect([...stored.values()].every((row) => row.durationMs !== null && row.durationMs >= 0)).toBe(true);

    // A tablet in landscape: the rules beside the frame, buttons to tap.
    await page.setViewportSize({ width: 1024, height: 768 });
    await paintedFrame(page);
    await screenshot(page, "label-tablet");
    // A phone: the rules fold away above the frame, and open on a tap.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole("button", { name: "Face rules" }).click();
    await page.getByTestId("rules-panel").waitFor();
    await screenshot(page, "label-phone");
    await page.setViewportSize({ width: 1280, height: 800 });

    // --- Then a page in grid mode: 3×3, whole scenes as one tile.
    await followLink(page, page.getByRole("navigation", { name: "Labelling mode" }).getByRole("link", { name: "Grid" }), `/datasets/${datasetId}/label/grid`);
    await page.getByRole("group", { name: "Grid size" }).getByRole("button", { name: "3×3" }).click();
    await page.locator('[data-testid="grid-page"][data-size="3"]').waitFor();
    const gridTiles: { index: number; frames: string[] }[] = [];
    const tileLocators = page.getByTestId("grid-tile");
    for (let i = 0; i < (await tileLocators.count()); i++) {
      const tile = tileLocators.nth(i);
      gridTiles.push({ index: Number(await tile.getAttribute("data-index")), frames: ((await tile.getAttribute("data-frame-ids")) ?? "").split(",") });
    }
    expect(gridTiles.length).toBeGreaterThan(0);
    expect(gridTiles.reduce((sum, tile) => sum + tile.frames.length, 0)).toBeLessThanOrEqual(9);
    const tileTruth = (frames: string[]) => truth.get(frames[0] ?? "") ?? "FACE";
    const faces = gridTiles.filter((tile) => tileTruth(tile.frames) === "FACE").length;
    const pageDefault: Label = faces * 2 >= gridTiles.length ? "FACE" : "NO_FACE";
    if (pageDefault === "NO_FACE") await page.keyboard.press("d");
    expect(await page.getByTestId("page-default").getAttribute("data-label")).toBe(pageDefault);
    for (const tile of gridTiles) {
      if (tileTruth(tile.frames) !== pageDefault) await page.keyboard.press(String(tile.index));
    }
    const gridLabels = new Map<string, Label>();
    for (const tile of gridTiles) for (const frameId of tile.frames) gridLabels.set(frameId, tileTruth(tile.frames));
    // A scene tile opens to flip one of its frames on its own.
    const sceneTile = gridTiles.find((tile) => tile.frames.length > 1);
    if (sceneTile) {
      await page.locator(`[data-testid="grid-tile"][data-index="${sceneTile.index}"]`).getByTestId("scene-count").click();
      const odd = sceneTile.frames[1] ?? "";
      await page.locator(`[data-testid="scene-frame"][data-frame-id="${odd}"] button`).first().click();
      gridLabels.set(odd, OTHER[tileTruth(sceneTile.frames)]);
      await expect.poll(() => page.locator(`[data-testid="scene-frame"][data-frame-id="${odd}"]`).getAttribute("data-label")).toBe(gridLabels.get(odd));
      await screenshot(page, "label-grid-scene");
      await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
    }
    for (const tile of gridTiles) {
      const label = tileTruth(tile.frames);
      expect(await page.locator(`[data-testid="grid-tile"][data-index="${tile.index}"]`).getAttribute("data-label")).toBe(label);
    }
    await screenshot(page, "label-grid");
    const firstPage = await page.getByTestId("grid-page").getAttribute("data-page");
    await page.keyboard.press("Enter");
    await page.getByTestId("last-submitted").filter({ hasText: `submitted: ${gridLabels.size} frame` }).waitFor();
    await page.locator(`[data-testid="grid-page"]:not([data-page="${firstPage}"]), [data-testid="all-done"]`).first().waitFor();
    await waitAllSaved(page);
    await screenshot(page, "label-grid-next");
    for (const [id, label] of gridLabels) alice.set(id, label);
    stored = await annotationsOf(seeded.alice.id, datasetId);
    expect(new Map([...stored].map(([id, row]) => [id, row.label]))).toEqual(alice);

    // --- Bob labels every frame he is offered: he disagrees with Alice on three, is unsure of one.
    page = await signedInPage(seeded.bob);
    await page.goto(`/datasets/${datasetId}/label`);
    const bob = new Map<string, Label>();
    let disagreements = 0;
    let closedTried = false;
    let previous: string | null = null;
    for (let id = await nextFrameOrDone(page, null); id; id = await nextFrameOrDone(page, previous)) {
      previous = id;
      const hers = alice.get(id);
      let label: Label = truth.get(id) ?? "FACE";
      if (hers && disagreements < 3) {
        label = OTHER[hers];
        disagreements += 1;
      } else if (hers && disagreements === 3) {
        label = "UNSURE";
        disagreements += 1;
      } else if (hers) {
        label = hers;
      }
      await page.keyboard.press(KEY[label]);
      bob.set(id, label);
      if (hers && label !== hers && !closedTried) {
        // Too late to change his mind: the frame already waits for a reviewer, and he is told so.
        closedTried = true;
        await waitAllSaved(page);
        const next = await nextFrameOrDone(page, id);
        await page.keyboard.press("ArrowLeft");
        await paintedFrame(page, next);
        await page.keyboard.press(KEY[hers]);
        await page.getByTestId("toast").filter({ hasText: "waiting for a reviewer" }).waitFor();
        // It moved on to the frame after; looking back shows his stored label and why the change was refused.
        await page.keyboard.press("ArrowLeft");
        await page.getByTestId("looking-back-rejection").filter({ hasText: "Your change was not saved" }).waitFor();
        expect(await page.getByTestId("looking-back").locator("[data-label]").getAttribute("data-label")).toBe(label);
        await screenshot(page, "label-rejected");
        await page.keyboard.press("ArrowRight");
        previous = id;
      }
    }
    await waitAllSaved(page);
    await screenshot(page, "label-all-done");
    expect(disagreements).toBe(4);
    expect(bob.size).toBe(40);
    const bobStored = await annotationsOf(seeded.bob.id, datasetId);
    expect(new Map([...bobStored].map(([id, row]) => [id, row.label]))).toEqual(bob);

    const shared = [...alice.keys()].filter((id) => bob.has(id));
    const disputed = shared.filter((id) => alice.get(id) !== bob.get(id) || alice.get(id) === "UNSURE" || bob.get(id) === "UNSURE");
    expect(await api.db.frame.count({ where: { datasetId, labelStatus: "REVIEW" } })).toBe(disputed.length);

    // --- The reviewer settles the review queue.
    page = await signedInPage(seeded.reviewer);
    await page.goto(`/datasets/${datasetId}`);
    await followLink(page, page.getByRole("link", { name: `Review (${disputed.length})` }), `/datasets/${datasetId}/review`);
    let settled = 0;
    let reviewed: string | null = null;
    for (;;) {
      await page.locator(`[data-testid="label-image"][data-painted="true"]${reviewed ? `:not([data-frame-id="${reviewed}"])` : ""}, [data-testid="nothing-to-review"]`).first().waitFor();
      if (await page.getByTestId("nothing-to-review").isVisible()) break;
      const id = await paintedFrame(page, reviewed);
      expect(disputed).toContain(id);
      await expect.poll(() => page.getByTestId("review-annotation").count()).toBe(2);
      await page.getByTestId("frame-history").waitFor();
      if (settled === 0) {
        await page.getByLabel(/Note/).fill("Checked against the face rules");
        await screenshot(page, "review");
        await page.getByLabel(/Note/).press("Escape");
      }
      await page.keyboard.press(truth.get(id) === "FACE" ? "f" : "n");
      settled += 1;
      reviewed = id;
    }
    expect(settled).toBe(disputed.length);
    await page.getByText("Nothing to review").waitFor();
    await screenshot(page, "review-empty");
    await expect.poll(() => api.db.consensus.count({ where: { frame: { datasetId }, method: "ADJUDICATED" } }), { timeout: 10_000 }).toBe(disputed.length);
    const noted = await api.db.consensus.findMany({ where: { frame: { datasetId }, note: "Checked against the face rules" } });
    expect(noted).toHaveLength(1);

    // --- The agreement page shows the pair's Cohen's κ as computed here from the labels chosen.
    const expected = cohenKappa(alice, bob);
    expect(expected.n).toBe(shared.length);
    await followLink(page, page.getByRole("link", { name: "Agreement" }), `/datasets/${datasetId}/agreement`);
    const cell = page.locator(`[data-testid="pair-cell"][data-a="${seeded.alice.id}"][data-b="${seeded.bob.id}"]`);
    await cell.waitFor();
    expect(Number(await cell.getAttribute("data-kappa"))).toBeCloseTo(expected.kappa, 6);
    expect(Number(await cell.getAttribute("data-frames"))).toBe(expected.n);
    expect(await cell.locator("span").first().textContent()).toBe(expected.kappa.toFixed(2));
    expect(Number(await page.getByTestId("agreement-frames").locator("dd").textContent())).toBe(expected.n);
    expect(await page.getByTestId("title-agreement-row").count()).toBe(2);
    await screenshot(page, "agreement");

    // --- The dataset page: nothing left in review, progress per title and per labeller.
    page = await signedInPage(seeded.admin);
    await page.goto(`/datasets/${datasetId}`);
    await page.getByRole("link", { name: "Review (0)" }).waitFor();
    expect(await page.getByTestId("labeller-progress-row").count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId("labeller-progress-row").filter({ hasText: "Bob" }).locator("td").nth(1).textContent()).toBe("40");
    await screenshot(page, "dataset-labelling");
    // Unpinning an example takes it off the rules.
    await page.getByRole("button", { name: "Unpin this example" }).first().click();
    await page.getByRole("button", { name: "Unpin", exact: true }).click();
    await expect.poll(() => page.getByTestId("example").count()).toBe(1);
  });

  it("keeps labellers out of review and shows them no one else's figures", async () => {
    const seeded = await seedLabellingDataset();
    const page = await signedInPage(seeded.alice);
    await page.goto(`/datasets/${seeded.datasetId}`);
    expect(await page.getByTestId("labelling-actions").getByRole("link", { name: /Review/ }).count()).toBe(0);
    await page.goto(`/datasets/${seeded.datasetId}/review`);
    await page.getByTestId("forbidden").filter({ hasText: "Reviewers only" }).waitFor();
    await page.goto(`/datasets/${seeded.datasetId}/agreement`);
    await page.getByText("Not enough data yet").waitFor();
    expect(await page.getByTestId("pair-matrix").count()).toBe(0);
  });
});
