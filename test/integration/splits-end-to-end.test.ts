import { readFile } from "node:fs/promises";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset } from "@kao/db/seed";
import { frameKeys } from "@kao/storage";
import { importFiles, makeVideo, startImportEnv, type ImportEnv } from "../support/import.ts";
import { readZip } from "./support/read-zip.ts";
import { CREATE_SPLIT, assignmentsOf, type Result, type SplitVersionView } from "./support/split-fixtures.ts";

let env: ImportEnv;
beforeAll(async () => {
  env = await startImportEnv({ workers: 1 });
});
afterAll(() => env?.close());

const graphql = <T>(query: string, variables: Record<string, unknown>) => env.api.graphql<T>(query, { variables, token: env.adminToken });

describe("from imported, labelled frames to a locked split and a zip", { timeout: 120_000 }, () => {
  it("splits by the importer's scenes without leaks inside a scene, locks, and exports the tree", async () => {
    const dataset = await seedDataset(env.api.db);
    const video = await makeVideo(path.join(env.dir, "ep1.mp4"), [
      // Three shots the importer groups into three scenes (see import.test.ts).
      "-f", "lavfi", "-i", "smptebars=s=320x240:d=4:r=25,noise=alls=12:allf=t",
      "-f", "lavfi", "-i", "testsrc=s=320x240:d=4:r=25",
      "-f", "lavfi", "-i", "testsrc2=s=320x240:d=4:r=25",
      "-filter_complex", "concat=n=3:v=1:a=0",
    ]);
    const episode = await importFiles(env, dataset.id, [{ name: "ep1.mp4", data: await readFile(video) }], { title: "Alpha", episode: "1" });
    expect((await episode.finished()).status).toBe("SUCCEEDED");
    const stills = await Promise.all(["#203040", "#c0a080"].map((background) => sharp({ create: { width: 64, height: 48, channels: 3, background } }).png().toBuffer()));
    const held = await importFiles(env, dataset.id, stills.map((data, i) => ({ name: `still${i}.png`, data })), { title: "Held" });
    expect((await held.finished()).status).toBe("SUCCEEDED");

    // Labelling is another module's work: its outcome, the consensus, is written directly.
    const frames = await env.api.db.frame.findMany({ where: { datasetId: dataset.id }, include: { title: true }, orderBy: [{ titleId: "asc" }, { timestampMs: "asc" }] });
    expect(frames).toHaveLength(14);
    await env.api.db.consensus.createMany({ data: frames.map((frame, i) => ({ frameId: frame.id, label: i % 3 ? ("FACE" as const) : ("NO_FACE" as const), method: "UNANIMOUS" as const })) });
    const alphaScenes = new Set(frames.filter((f) => f.title.name === "Alpha").map((f) => f.sceneId));
    expect(alphaScenes.size).toBe(3);

    const heldTitle = frames.find((f) => f.title.name === "Held")?.title;
    const distinct = await graphql<{ setTitleDistinct: { __typename: string } }>(
      `mutation($id: ID!) { setTitleDistinct(titleId: $id, distinct: true) { __typename } }`,
      { id: heldTitle?.id },
    );
    expect(distinct.data?.setTitleDistinct.__typename).toBe("SetTitleDistinctSuccess");

    const created = await graphql<{ createSplit: Result<SplitVersionView> }>(CREATE_SPLIT, { datasetId: dataset.id, input: { name: "paper", seed: 1, ratios: { train: 0.34, val: 0.33, test: 0.33 } } });
    const version = created.data?.createSplit.data;
    if (!version) throw new Error(JSON.stringify(created));
    const assigned = await assignmentsOf(env.api.db, version.id);
    expect(assigned.size).toBe(14);
    for (const frame of frames) expect(assigned.get(frame.id) === "DISTINCT").toBe(frame.title.name === "Held");
    for (const scene of alphaScenes) expect(new Set(frames.filter((f) => f.sceneId === scene).map((f) => assigned.get(f.id))).size).toBe(1);

    const report = await graphql<{ leakageReport: { frames: number; sameScenePairs: number; scenesAcrossSplits: number; framesWithoutHash: number } }>(
      `query($id: ID!) { leakageReport(splitVersionId: $id) { frames framesWithoutHash sameScenePairs scenesAcrossSplits } }`,
      { id: version.id },
    );
    expect(report.data?.leakageReport).toEqual({ frames: 14, framesWithoutHash: 0, sameScenePairs: 0, scenesAcrossSplits: 0 });

    const locked = await graphql<{ lockSplit: { locked: boolean } }>(`mutation($id: ID!) { lockSplit(id: $id) { locked } }`, { id: version.id });
    expect(locked.data?.lockSplit.locked).toBe(true);

    const response = await fetch(`${env.api.origin}/exports/${version.id}.zip`, { headers: { authorization: `Bearer ${env.adminToken}` } });
    expect(response.status).toBe(200);
    const entries = await readZip(Buffer.from(await response.arrayBuffer()));
    const labels = new Map(frames.map((frame, i) => [frame.id, i % 3 ? "face" : "no_face"]));
    const expected = frames.map((frame) => `${assigned.get(frame.id)?.toLowerCase()}/${labels.get(frame.id)}/${frame.sha256}.jpg`);
    expect([...entries.keys()].sort()).toEqual([...expected, "labels.csv"].sort());
    for (const frame of frames) {
      const stored = await buffer((await env.api.storage.read(frameKeys(dataset.id, frame.sha256).image)).stream);
      const zipped = entries.get(`${assigned.get(frame.id)?.toLowerCase()}/${labels.get(frame.id)}/${frame.sha256}.jpg`);
      expect(stored.length).toBeGreaterThan(0);
      expect(zipped?.equals(stored)).toBe(true);
    }
    const csv = entries.get("labels.csv")?.toString("utf8") ?? "";
    expect(csv.split("\r\n")).toHaveLength(14 + 2);
    expect(csv).toContain(",Alpha,false,");
    expect(csv).toContain(",ep1.mp4,1,3000,");
  });
});
