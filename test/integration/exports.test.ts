import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { frameKeys } from "@kao/storage";
import { startTestApi, type TestApi } from "../support/api.ts";
import { expectData, expectError, signedIn, type Caller } from "./support/graphql.ts";
import { readZip } from "./support/read-zip.ts";
import { CREATE_SPLIT, assignmentsOf, scenesOf, seedLabelledTitle, storeFrameImage, type Result, type SplitVersionView } from "./support/split-fixtures.ts";

let api: TestApi;
let admin: Caller;
beforeAll(async () => {
  api = await startTestApi();
  admin = await signedIn(api, { role: "ADMIN" });
});
afterAll(() => api.close());

const IMPORT = `mutation($datasetId: ID!, $input: ImportLabelsInput!) {
  importLabels(datasetId: $datasetId, input: $input) {
    __typename
    ... on ImportLabelsSuccess { data { dryRun applied lines frames created updated unchanged } }
    ... on Error { message }
    ... on ValidationError { inputErrors { path message } }
  }
}`;
type ImportView = { dryRun: boolean; applied: boolean; lines: number; frames: number; created: number; updated: number; unchanged: number };

const get = (path: string, token?: string) => fetch(`${api.origin}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** A split dataset with members of every role; titles with a comma and quotes, to exercise CSV quoting. */
async function seedExportable() {
  const reviewer = await signedIn(api, { role: "REVIEWER" });
  const labeler = await signedIn(api, { role: "LABELER" });
  const viewer = await signedIn(api, { role: "VIEWER" });
  const dataset = await seedDataset(api.db, { members: [reviewer.user, labeler.user, viewer.user] });
  const alpha = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Alpha", scenes: scenesOf(6, 2), loose: ["FACE", null] });
  const beta = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: 'Beta, the "second"', scenes: scenesOf(4, 3), loose: ["UNSURE"] });
  const held = await seedLabelledTitle(api.db, { datasetId: dataset.id, name: "Held", distinct: true, scenes: scenesOf(2, 2) });
  const created = expectData(await admin.graphql<{ createSplit: Result<SplitVersionView> }>(CREATE_SPLIT, { datasetId: dataset.id, input: { name: "v1", seed: 9 } })).createSplit;
  const version = created.data as SplitVersionView;
  const labelled = [...alpha.frames, ...beta.frames, ...held.frames].filter((f) => f.label === "FACE" || f.label === "NO_FACE");
  return { dataset, version, labelled, reviewer, labeler, viewer };
}

describe("GET /exports/:id.(csv|jsonl|zip)", () => {
  it("refuses labellers and viewers (403), strangers (401), non-members (404) and unknown formats (400)", async () => {
    const { version, labeler, viewer } = await seedExportable();
    const outsider = await signedIn(api, { role: "REVIEWER" });

    for (const caller of [labeler, viewer]) {
      const response = await get(`/exports/${version.id}.csv`, caller.token);
      expect(response.status).toBe(403);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]).toEqual({ message: "Exports need the ADMIN or REVIEWER role: labellers and viewers cannot download a dataset's labels.", extensions: { code: "FORBIDDEN" } });
    }
    expect((await get(`/exports/${version.id}.zip`)).status).toBe(401);
    expect((await get(`/exports/${version.id}.csv`, outsider.token)).status).toBe(404);
    expect((await get(`/exports/${randomUUID()}.csv`, admin.token)).status).toBe(404);
    expect((await get(`/exports/${version.id}.xml`, admin.token)).status).toBe(400);
    expect((await get(`/exports/not-an-id.csv`, admin.token)).status).toBe(400);
  });

  it("streams RFC 4180 CSV and JSON Lines of the consensus labels with split, title, scene, video and sha256", async () => {
    const { version, labelled, reviewer } = await seedExportable();
    const assigned = await assignmentsOf(api.db, version.id);

    const csv = await get(`/exports/${version.id}.csv`, reviewer.token);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename=".+-v1\.csv"$/);
    const text = await csv.text();
    const lines = text.split("\r\n");
    expect(lines.at(-1)).toBe(""); // CRLF after every record
    expect(lines[0]).toBe("frame_id,sha256,label,split,title,distinct,scene_id,video_id,video,episode,timestamp_ms,source_name");
    expect(lines.length - 2).toBe(labelled.length);
    expect(text).toContain(',"Beta, the ""second""",false,');
    const bySha = new Map(labelled.map((f) => [f.sha256, f]));
    for (const line of lines.slice(1, -1)) {
      const [frameId, sha256, label, split] = line.split(",");
      expect(bySha.get(sha256 ?? "")).toMatchObject({ id: frameId, label });
      expect(split).toBe(assigned.get(frameId ?? ""));
    }

    const jsonl = await get(`/exports/${version.id}.jsonl`, reviewer.token);
    expect(jsonl.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const rows = (await jsonl.text()).trimEnd().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows).toHaveLength(labelled.length);
    for (const row of rows) {
      const frame = labelled.find((f) => f.id === row["frameId"]);
      expect(row).toMatchObject({ sha256: frame?.sha256, label: frame?.label, split: assigned.get(String(row["frameId"])), sceneId: frame?.sceneId ?? null });
      expect(typeof row["title"]).toBe("string");
    }
    // Ordered by split (TRAIN, VAL, TEST, DISTINCT) then title.
    const order = ["TRAIN", "VAL", "TEST", "DISTINCT"];
    const splits = rows.map((row) => order.indexOf(String(row["split"])));
    expect(splits).toEqual([...splits].sort((a, b) => a - b));

    // Data leaving kao is in the audit log: who, which version, which form.
    const audit = await api.db.auditLog.findMany({ where: { action: "export.download", targetId: version.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((row) => [row.actorId, (row.data as { format?: string }).format])).toEqual([
      [reviewer.user.id, "csv"],
      [reviewer.user.id, "jsonl"],
    ]);
  });

  it("zips an ImageNet-style tree split/label/<sha256>.jpg with labels.csv, images read from storage", async () => {
    const { dataset, version, labelled, reviewer } = await seedExportable();
    const images = new Map<string, Buffer>();
    for (const frame of labelled) images.set(frame.sha256, await storeFrameImage(api.storage, dataset.id, frame.sha256));
    const assigned = await assignmentsOf(api.db, version.id);

    const response = await get(`/exports/${version.id}.zip`, reviewer.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const entries = await readZip(Buffer.from(await response.arrayBuffer()));

    const expected = labelled.map((f) => `${assigned.get(f.id)?.toLowerCase()}/${f.label?.toLowerCase()}/${f.sha256}.jpg`);
    expect([...entries.keys()].sort()).toEqual([...expected, "labels.csv"].sort());
    for (const frame of labelled) {
      expect(entries.get(`${assigned.get(frame.id)?.toLowerCase()}/${frame.label?.toLowerCase()}/${frame.sha256}.jpg`)).toEqual(images.get(frame.sha256));
    }
    const labels = (entries.get("labels.csv")?.toString("utf8") ?? "").split("\r\n");
    expect(labels[0]).toBe("path,frame_id,sha256,label,split,title,distinct,scene_id,video_id,video,episode,timestamp_ms,source_name");
    expect(labels.slice(1, -1).map((line) => line.split(",")[0]).sort()).toEqual([...expected].sort());
  });

  it("pages through versions larger than one page (2,000 rows) without losing or repeating a frame", async () => {
    const dataset = await seedDataset(api.db);
    const titles = await Promise.all(["One", "Two"].map((name) => api.db.title.create({ data: { datasetId: dataset.id, name } })));
    const rows = Array.from({ length: 4500 }, (_, i) => ({
      id: randomUUID(),
      datasetId: dataset.id,
      titleId: titles[i % 2]?.id ?? "",
      timestampMs: i % 3 === 0 ? null : i, // stills and video frames mixed: nulls sort too
      sourceName: `f${i}.jpg`,
      storageKey: "x",
      sha256: randomUUID().replace(/-/g, "").repeat(2),
      width: 1,
      height: 1,
    }));
    await api.db.frame.createMany({ data: rows });
    await api.db.consensus.createMany({ data: rows.map((row, i) => ({ frameId: row.id, label: i % 2 ? ("FACE" as const) : ("NO_FACE" as const), method: "UNANIMOUS" as const })) });
    const created = expectData(await admin.graphql<{ createSplit: Result<SplitVersionView> }>(CREATE_SPLIT, { datasetId: dataset.id, input: { name: "big" } })).createSplit;
    const lines = (await (await get(`/exports/${created.data?.id}.jsonl`, admin.token)).text()).trimEnd().split("\n");
    const ids = lines.map((line) => String((JSON.parse(line) as { frameId: string }).frameId));
    expect(ids).toHaveLength(4500);
    expect(new Set(ids)).toEqual(new Set(rows.map((row) => row.id)));
  });

  it("aborts a zip whose image is missing from storage instead of sending a truncated one", async () => {
    const { dataset, version, labelled, reviewer } = await seedExportable();
    for (const frame of labelled) await storeFrameImage(api.storage, dataset.id, frame.sha256);
    await api.storage.delete(frameKeys(dataset.id, labelled[3]?.sha256 ?? "").image);

    const response = await get(`/exports/${version.id}.zip`, reviewer.token);
    const outcome = response.status === 200 ? await response.arrayBuffer().then(() => "complete", () => "aborted") : `refused ${response.status}`;
    // Its scene's first frame comes before it, so the zip has normally started and the connection is cut;
    // had nothing been sent yet, a 500 is as good. Never a complete-looking zip.
    expect(["aborted", "refused 500"]).toContain(outcome);
    // The API is still up.
    expect((await get(`/exports/${version.id}.csv`, reviewer.token)).status).toBe(200);
  });
});

describe("importLabels", () => {
  /** A second dataset holding the same images (same sha256s) as `frames`, none labelled. */
  async function twinDataset(frames: { sha256: string }[]) {
    const dataset = await seedDataset(api.db);
    const title = await api.db.title.create({ data: { datasetId: dataset.id, name: "Twin" } });
    for (const frame of frames) {
      await api.db.frame.create({ data: { datasetId: dataset.id, titleId: title.id, sourceName: "x.jpg", storageKey: "x", sha256: frame.sha256, width: 1, height: 1 } });
    }
    return dataset;
  }
  const consensusOf = async (datasetId: string) =>
    new Map((await api.db.consensus.findMany({ where: { frame: { datasetId } }, include: { frame: { select: { sha256: true } } } })).map((c) => [c.frame.sha256, c]));

  it("round-trips: an exported CSV imported into another dataset with the same images gives the same labels", async () => {
    const { version, labelled } = await seedExportable();
    const csv = await (await get(`/exports/${version.id}.csv`, admin.token)).text();
    const twin = await twinDataset(labelled);

    const dry = expectData(await admin.graphql<{ importLabels: Result<ImportView> }>(IMPORT, { datasetId: twin.id, input: { format: "CSV", text: csv, name: "v1.csv", dryRun: true } })).importLabels;
    expect(dry).toMatchObject({ __typename: "ImportLabelsSuccess", data: { dryRun: true, applied: false, lines: labelled.length, frames: labelled.length, created: labelled.length, updated: 0, unchanged: 0 } });
    expect((await consensusOf(twin.id)).size).toBe(0);

    const done = expectData(await admin.graphql<{ importLabels: Result<ImportView> }>(IMPORT, { datasetId: twin.id, input: { format: "CSV", text: csv, name: "v1.csv" } })).importLabels;
    expect(done.data).toMatchObject({ applied: true, created: labelled.length });
    const labels = await consensusOf(twin.id);
    expect(new Map([...labels].map(([sha, c]) => [sha, c.label]))).toEqual(new Map(labelled.map((f) => [f.sha256, f.label])));
    for (const consensus of labels.values()) expect(consensus).toMatchObject({ method: "ADJUDICATED", note: "imported from v1.csv", adjudicatedById: admin.user.id });
    expect(await api.db.frame.count({ where: { datasetId: twin.id, labelStatus: { not: "DONE" } } })).toBe(0);

    // The same file again changes nothing; JSON Lines work the same way.
    const jsonl = await (await get(`/exports/${version.id}.jsonl`, admin.token)).text();
    const again = expectData(await admin.graphql<{ importLabels: Result<ImportView> }>(IMPORT, { datasetId: twin.id, input: { format: "JSONL", text: jsonl } })).importLabels;
    expect(again.data).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: labelled.length });
  });

  it("reports unknown sha256s and conflicting labels per line and changes nothing", async () => {
    const dataset = await seedDataset(api.db);
    const { frames } = await seedLabelledTitle(api.db, { datasetId: dataset.id, scenes: [[null, null, null]] });
    const [a, b, c] = frames.map((f) => f.sha256);
    await api.db.consensus.create({ data: { frameId: frames[2]?.id ?? "", label: "NO_FACE", method: "ADJUDICATED" } });
    const unknown = "f".repeat(64);
    const text = ["sha256,label", `${a},FACE`, `${unknown},FACE`, `${b},FACE`, `${b},NO_FACE`, `${c},FACE`, `${a},face`].join("\n");
    const before = { consensus: await api.db.consensus.count({ where: { frame: { datasetId: dataset.id } } }), frames: await api.db.frame.findMany({ where: { datasetId: dataset.id }, orderBy: { id: "asc" } }) };

    const result = expectData(await admin.graphql<{ importLabels: Result<ImportView> }>(IMPORT, { datasetId: dataset.id, input: { format: "CSV", text } })).importLabels;
    expect(result.__typename).toBe("ValidationError");
    expect(result.message).toBe("3 line(s) cannot be imported; nothing was changed.");
    expect(result.inputErrors).toEqual([
      { path: "text.3", message: `Line 3 (${unknown.slice(0, 12)}…): Unknown sha256: no frame of this dataset has these pixels.` },
      { path: "text.5", message: `Line 5 (${b?.slice(0, 12)}…): Labels this frame NO_FACE, but line 4 labels it FACE.` },
      { path: "text.6", message: `Line 6 (${c?.slice(0, 12)}…): Conflicts with a reviewer's adjudicated label NO_FACE.` },
    ]);
    expect(await api.db.consensus.count({ where: { frame: { datasetId: dataset.id } } })).toBe(before.consensus);
    expect(await api.db.frame.findMany({ where: { datasetId: dataset.id }, orderBy: { id: "asc" } })).toEqual(before.frames);

    const dry = expectData(await admin.graphql<{ importLabels: Result<ImportView> }>(IMPORT, { datasetId: dataset.id, input: { format: "CSV", text, dryRun: true } })).importLabels;
    expect(dry.__typename).toBe("ValidationError");
  });

  it("is for admins only", async () => {
    const reviewer = await signedIn(api, { role: "REVIEWER" });
    const dataset = await seedDataset(api.db, { members: [reviewer.user] });
    expectError(await reviewer.graphql(IMPORT, { datasetId: dataset.id, input: { format: "CSV", text: "sha256,label\n" } }), "FORBIDDEN");
  });
});
