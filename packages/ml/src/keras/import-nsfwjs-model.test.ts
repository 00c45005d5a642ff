import { createHash } from "node:crypto";
import { appendFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importNsfwjsModel } from "./import-nsfwjs-model.ts";

let cacheDir: string;
beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "kao-import-"));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const sha256Of = async (file: string) => createHash("sha256").update(await readFile(file)).digest("hex");

describe("importNsfwjsModel", () => {
  it("converts MobileNetV2 once, reuses the cached file while its sha256 matches, and converts again when it does not", async () => {
    const first = await importNsfwjsModel("mobilenet_v2", { cacheDir });
    expect(first.converted).toBe(true);
    expect(first.path).toBe(path.join(cacheDir, "mobilenet_v2.onnx"));
    expect(await sha256Of(first.path)).toBe(first.sha256);
    expect(first).toMatchObject({
      inputName: "input_1",
      outputName: "dense_3",
      inputSize: 224,
      defaultTap: "out_relu",
      preprocessing: { scale: 1 / 255, offset: 0, channelOrder: "RGB" },
    });
    expect(first.taps).toContainEqual({ name: "out_relu", channels: 1280, height: 7, width: 7 });
    expect(first.taps).toContainEqual({ name: "block_2_add", channels: 24, height: 56, width: 56 });
    const written = (await stat(first.path)).mtimeMs;

    const second = await importNsfwjsModel("mobilenet_v2", { cacheDir });
    expect(second.converted).toBe(false);
    expect(second.sha256).toBe(first.sha256);
    expect(second.taps).toEqual(first.taps);
    expect((await stat(first.path)).mtimeMs).toBe(written);

    await appendFile(first.path, "x");
    const third = await importNsfwjsModel("mobilenet_v2", { cacheDir });
    expect(third.converted).toBe(true);
    expect(third.sha256).toBe(first.sha256); // the conversion is deterministic
    expect(await sha256Of(third.path)).toBe(first.sha256);
  }, 60_000);
});
