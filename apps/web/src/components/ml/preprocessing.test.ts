import { describe, expect, it } from "vitest";
import { PREPROCESSING_PRESETS, matchPreset, parseChannelValues, parseScale, preprocessingFormula, scaleText } from "./preprocessing";

const preset = (key: string) => {
  const found = PREPROCESSING_PRESETS.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no preset ${key}`);
  return found;
};

describe("preprocessingFormula", () => {
  it("writes each preset as the arithmetic the API does", () => {
    expect(preprocessingFormula(preset("unit"))).toBe("x / 255");
    expect(preprocessingFormula(preset("inception"))).toBe("x / 127.5 − 1");
    expect(preprocessingFormula(preset("torchvision"))).toBe("(x / 255 − [0.485, 0.456, 0.406]) / [0.229, 0.224, 0.225]");
    expect(preprocessingFormula(preset("caffe"))).toBe("x − [104, 117, 123]");
    expect(preprocessingFormula(preset("raw"))).toBe("x");
  });

  it("reads backbones as the API stores them (three values, zeros and ones spelt out)", () => {
    // What ensureDefaultBackbones registers for nsfwjs: scale 1/255, mean −offset = 0, std 1.
    expect(preprocessingFormula({ channelOrder: "RGB", scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] })).toBe("x / 255");
    expect(preprocessingFormula({ channelOrder: "RGB", scale: 0.003, mean: [0.5], std: [2] })).toBe("(x · 0.003 − 0.5) / 2");
  });
});

describe("matchPreset", () => {
  it("recognises a preset whatever the spelling of its defaults", () => {
    expect(matchPreset({ channelOrder: "RGB", scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] })?.key).toBe("unit");
    expect(matchPreset({ channelOrder: "BGR", scale: 1, mean: [104, 117, 123], std: [1, 1, 1] })?.key).toBe("caffe");
  });

  it("tells apart what differs in channel order or values", () => {
    expect(matchPreset({ channelOrder: "RGB", scale: 1, mean: [104, 117, 123], std: [] })).toBeNull();
    expect(matchPreset({ channelOrder: "RGB", scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [] })).toBeNull();
  });
});

describe("parsing the custom fields", () => {
  it("reads scales as fractions or numbers", () => {
    expect(parseScale("1/255")).toBeCloseTo(1 / 255, 12);
    expect(parseScale(" 0.5 ")).toBe(0.5);
    expect(parseScale("0")).toBeNull();
    expect(parseScale("")).toBeNull();
    expect(parseScale("a/b")).toBeNull();
    expect(scaleText(1 / 255)).toBe("1/255");
    expect(scaleText(1 / 127.5)).toBe("1/127.5");
    expect(scaleText(1)).toBe("1");
  });

  it("reads per-channel values", () => {
    expect(parseChannelValues("104, 117 123")).toEqual([104, 117, 123]);
    expect(parseChannelValues("")).toEqual([]);
    expect(parseChannelValues("1, x")).toBeNull();
  });
});
