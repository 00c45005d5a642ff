import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MODEL_CATALOG } from "./catalog.ts";
import { loadModelCatalog } from "./load-model-catalog.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kao-catalog-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const entry = {
  key: "mirror-model",
  title: "A model on the studio's mirror",
  url: "http://models.studio.internal/m.onnx",
  sizeBytes: 1234,
  sha256: "a".repeat(64),
  preprocessing: { width: 224, height: 224, channelOrder: "BGR", scale: 1, mean: [104, 117, 123], std: [] },
  tap: { kind: "tensor", name: "pool5" },
  dims: 512,
  licence: "MIT",
};

async function catalogFile(content: unknown): Promise<string> {
  const file = path.join(dir, `catalog-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("loadModelCatalog", () => {
  it("is the built-in catalog without a file", async () => {
    expect(await loadModelCatalog()).toBe(MODEL_CATALOG);
  });

  it("adds a file's entries and lets one replace a built-in entry of the same key", async () => {
    const builtIn = MODEL_CATALOG[0];
    if (!builtIn) throw new Error("the built-in catalog is empty");
    const mirrored = { ...entry, key: builtIn.key, url: "http://models.studio.internal/googlenet-7.onnx", sha256: builtIn.sha256 };
    const catalog = await loadModelCatalog({ file: await catalogFile([entry, mirrored]) });
    expect(catalog.map((model) => model.key).sort()).toEqual([...MODEL_CATALOG.map((model) => model.key), entry.key].sort());
    expect(catalog.find((model) => model.key === builtIn.key)?.url).toBe("http://models.studio.internal/googlenet-7.onnx");
    expect(catalog.find((model) => model.key === entry.key)).toEqual(entry);
  });

  it("names the file and the field that is wrong", async () => {
    const file = await catalogFile([{ ...entry, sha256: "not hex", url: "ftp://x/y.onnx" }]);
    const error = await loadModelCatalog({ file }).catch((caught: unknown) => caught);
    expect(String(error)).toContain(`the model catalog ${file} is not valid`);
    expect(String(error)).toContain("✖ 64 lower-case hex digits\n  → at [0].sha256");
    expect(String(error)).toContain("✖ Invalid URL\n  → at [0].url");
    await expect(loadModelCatalog({ file: await catalogFile("[{") })).rejects.toThrow(/cannot be read as JSON/);
    await expect(loadModelCatalog({ file: path.join(dir, "missing.json") })).rejects.toThrow(/missing\.json cannot be read as JSON: ENOENT/);
  });
});
