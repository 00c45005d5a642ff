import { describe, expect, it } from "vitest";
import { groupByScene, summariseScene, type SceneFrame } from "./scene-groups";

const video = { fileName: "ep01.mkv", episode: "1" };
const title = { name: "Test Title" };
const frame = (id: string, sceneId: string | null, timestampMs: number | null, sourceName = "ep01.mkv"): SceneFrame => ({
  id,
  sceneId,
  timestampMs,
  sourceName,
  title,
  video: timestampMs === null ? null : video,
});

describe("groupByScene", () => {
  it("groups consecutive frames of one scene", () => {
    const frames = [frame("a", "s1", 0), frame("b", "s1", 1000), frame("c", "s2", 2000), frame("d", "s2", 3000), frame("e", "s1", 4000)];
    expect(groupByScene(frames).map((group) => [group.key, group.frames.map((f) => f.id)])).toEqual([
      ["a", ["a", "b"]],
      ["c", ["c", "d"]],
      // Not consecutive with the first run: a group of its own.
      ["e", ["e"]],
    ]);
  });

  it("keeps frames without a scene apart", () => {
    const frames = [frame("a", null, null, "x.png"), frame("b", null, null, "y.png")];
    expect(groupByScene(frames).map((group) => group.frames.length)).toEqual([1, 1]);
    expect(groupByScene([])).toEqual([]);
  });

  it("extends the last group when the next page continues its scene", () => {
    const first = [frame("a", "s1", 0), frame("b", "s1", 1000)];
    const more = [...first, frame("c", "s1", 2000), frame("d", "s2", 3000)];
    const before = groupByScene(first);
    const after = groupByScene(more);
    expect(after[0]?.key).toBe(before[0]?.key);
    expect(after.map((group) => group.frames.length)).toEqual([3, 1]);
  });
});

describe("summariseScene", () => {
  it("gives a video scene its time range", () => {
    expect(summariseScene([frame("a", "s", 3000), frame("b", "s", 5000), frame("c", "s", 4000)])).toEqual({
      timeRange: "0:03–0:05",
      source: "ep01.mkv",
      title: "Test Title",
      episode: "1",
      count: 3,
    });
  });

  it("names images by their file", () => {
    expect(summariseScene([frame("a", "s", null, "cat.png")])).toMatchObject({ timeRange: null, source: "cat.png", episode: null, count: 1 });
    expect(summariseScene([frame("a", "s", null, "1.png"), frame("b", "s", null, "2.png"), frame("c", "s", null, "3.png")]).source).toBe("1.png +2 more");
  });
});
