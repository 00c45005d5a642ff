import { describe, expect, it } from "vitest";
import { orderByScene } from "./order-by-scene.ts";

const row = (id: string, sceneId: string | null, timestampMs: number | null) => ({ id, sceneId, timestampMs, sourceName: `${id}.jpg` });

describe("orderByScene", () => {
  it("groups a scene's frames in time order where its first frame came, leaving frames without a scene in place", () => {
    const rows = [row("b2", "B", 2000), row("x", null, null), row("a1", "A", 1000), row("b0", "B", 0), row("a0", "A", 0), row("y", null, 5)];
    expect(orderByScene(rows).map((r) => r.id)).toEqual(["b0", "b2", "x", "a0", "a1", "y"]);
  });

  it("orders images without timestamps by file name", () => {
    expect(orderByScene([row("c", "S", null), row("a", "S", null), row("b", "S", 10)]).map((r) => r.id)).toEqual(["b", "a", "c"]);
  });
});
