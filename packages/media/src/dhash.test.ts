import path from "node:path";
import sharp, { type Sharp } from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { differenceHash, differenceHashFromGrey, hammingDistance } from "./dhash.ts";
import { SCENE_HASH_THRESHOLD } from "./scenes.ts";
import { ffmpegMake, makeTempDir } from "./test-fixtures.ts";

type Raw = { rgb: Buffer; width: number; height: number };

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let testsrc: Raw; // a 320×240 testsrc frame
let red: Raw; // a flat red frame
beforeAll(async () => {
  temp = await makeTempDir();
  const frame = async (source: string, name: string): Promise<Raw> => {
    const file = await ffmpegMake({ args: ["-f", "lavfi", "-i", source, "-frames:v", "1"], output: path.join(temp.dir, name) });
    const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { rgb: data, width: info.width, height: info.height };
  };
  [testsrc, red] = await Promise.all([frame("testsrc=size=320x240", "testsrc.png"), frame("color=c=red:size=320x240", "red.png")]);
});
afterAll(() => temp.remove());

const raw = (image: Sharp): Promise<Raw> =>
  image.raw().toBuffer({ resolveWithObject: true }).then(({ data, info }) => ({ rgb: data, width: info.width, height: info.height }));
const fromRaw = (frame: Raw): Sharp => sharp(frame.rgb, { raw: { width: frame.width, height: frame.height, channels: 3 } });

describe("differenceHashFromGrey", () => {
  it("sets a bit where the left pixel is brighter, first row first, most significant bit first", () => {
    const falling = Uint8Array.from({ length: 72 }, (_, i) => 255 - (i % 9) * 10); // every left > right
    expect(differenceHashFromGrey(falling)).toBe(-1n); // all 64 bits, as a signed BIGINT
    expect(differenceHashFromGrey(new Uint8Array(72))).toBe(0n); // flat: no bit
    const onlyFirst = new Uint8Array(72);
    onlyFirst[0] = 1; // pixel (0,0) brighter than (1,0): the top bit
    expect(differenceHashFromGrey(onlyFirst)).toBe(-(2n ** 63n));
    const onlyLast = new Uint8Array(72);
    onlyLast[71 - 1] = 1; // pixel (7,7) brighter than (8,7): the lowest bit
    expect(differenceHashFromGrey(onlyLast)).toBe(1n);
    expect(() => differenceHashFromGrey(new Uint8Array(64))).toThrow(/8 × 9 = 72/);
  });
});

describe("hammingDistance", () => {
  it("counts differing bits over 64, signed or not", () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, -1n)).toBe(64);
    expect(hammingDistance(0b1011n, 0b0001n)).toBe(2);
    expect(hammingDistance(-(2n ** 63n), 2n ** 63n)).toBe(0); // same 64 bits
  });
});

describe("differenceHash", () => {
  it("fits a signed 64-bit integer (Postgres BIGINT)", async () => {
    const hash = await differenceHash(testsrc);
    expect(hash).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(hash).toBeLessThan(2n ** 63n);
    expect(BigInt.asIntN(64, hash)).toBe(hash);
  });

  it("keeps near-identical pictures within the scene threshold", async () => {
    const original = await differenceHash(testsrc);
    const shifted = await raw(fromRaw(testsrc).extract({ left: 1, top: 0, width: testsrc.width - 1, height: testsrc.height }).extend({ right: 1, extendWith: "copy" }));
    const brighter = await raw(fromRaw(testsrc).linear(1, 2));
    const recompressed = await raw(sharp(await fromRaw(testsrc).jpeg({ quality: 70 }).toBuffer()));
    const distances = {
      shift: hammingDistance(original, await differenceHash(shifted)),
      brightness: hammingDistance(original, await differenceHash(brighter)),
      jpeg: hammingDistance(original, await differenceHash(recompressed)),
    };
    console.info(`near-identical testsrc frames, dHash distances: ${JSON.stringify(distances)}`);
    for (const distance of Object.values(distances)) expect(distance).toBeLessThanOrEqual(SCENE_HASH_THRESHOLD);
    expect(distances.brightness).toBe(0);
  });

  it("puts a testsrc frame and a flat colour frame far apart", async () => {
    expect(await differenceHash(red)).toBe(0n); // no structure, no bits
    expect(hammingDistance(await differenceHash(testsrc), await differenceHash(red))).toBeGreaterThan(2 * SCENE_HASH_THRESHOLD);
  });
});
