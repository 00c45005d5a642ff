import { describe, expect, it } from "vitest";
import {
  buildTiles,
  countLabels,
  flipFrame,
  flipTile,
  frameLabel,
  isMarked,
  moveCursor,
  pageDecisions,
  parseGridSize,
  startPage,
  takePage,
  tileLabel,
  toggleDefault,
  toggleExpanded,
  toggleFrameUnsure,
  toggleUnsure,
} from "./grid-page";
import type { LabelFrame } from "./labels";

const frame = (id: string, sceneId: string | null = null): LabelFrame => ({
  id,
  sceneId,
  displayUrl: "",
  thumbnailUrl: "",
  sourceName: id,
  timestampMs: null,
  width: 1,
  height: 1,
  title: { id: "t", name: "T" },
  video: null,
});

describe("grid tiles", () => {
  it("collapses a scene's frames into one tile wherever they come in the list", () => {
    const tiles = buildTiles([frame("a", "s1"), frame("b"), frame("c", "s1"), frame("d", "s2"), frame("a", "s1")]);
    expect(tiles.map((tile) => [tile.key, tile.frames.map((f) => f.id)])).toEqual([
      ["s1", ["a", "c"]],
      ["b", ["b"]],
      ["s2", ["d"]],
    ]);
  });

  it("fills a page with whole tiles", () => {
    const tiles = buildTiles([frame("a", "s1"), frame("b", "s1"), frame("c"), frame("d", "s2"), frame("e", "s2"), frame("f")]);
    const { page, rest } = takePage(tiles, 9, 4);
    expect(page.map((tile) => tile.key)).toEqual(["s1", "c"]);
    expect(rest.map((tile) => tile.key)).toEqual(["s2", "f"]);
    expect(takePage(tiles, 2).page).toHaveLength(2);
    // A scene bigger than a page still gets a page.
    expect(takePage(buildTiles([frame("x", "big"), frame("y", "big")]), 9, 1).page).toHaveLength(1);
  });

  it("remembers only the sizes it offers", () => {
    expect(parseGridSize("5")).toBe(5);
    expect(parseGridSize("7")).toBe(4);
    expect(parseGridSize(null)).toBe(4);
    expect(parseGridSize("three")).toBe(4);
  });
});

describe("grid flips", () => {
  const tiles = buildTiles([frame("a"), frame("b", "s"), frame("c", "s"), frame("d")]);
  const tile = (index: number) => {
    const found = tiles[index];
    if (!found) throw new Error(`no tile ${index}`);
    return found;
  };

  it("labels every frame with the page default until something is flipped", () => {
    const state = startPage(tiles, "FACE");
    expect(pageDecisions(state)).toEqual([
      { frameId: "a", label: "FACE" },
      { frameId: "b", label: "FACE" },
      { frameId: "c", label: "FACE" },
      { frameId: "d", label: "FACE" },
    ]);
  });

  it("flips a tile to the other label and back, and labels a whole scene together", () => {
    let state = flipTile(startPage(tiles, "FACE"), 1);
    expect(state.cursor).toBe(1);
    expect(tileLabel(state, tile(1))).toBe("NO_FACE");
    expect(pageDecisions(state).filter((d) => d.label === "NO_FACE").map((d) => d.frameId)).toEqual(["b", "c"]);
    expect(tiles.map((tile) => isMarked(state, tile))).toEqual([false, true, false]);
    state = flipTile(state, 1);
    expect(countLabels(pageDecisions(state))).toEqual({ FACE: 4, NO_FACE: 0, UNSURE: 0 });
    expect(flipTile(state, 99)).toBe(state);
  });

  it("keeps flipped tiles flipped when the default changes", () => {
    let state = flipTile(startPage(tiles, "FACE"), 0);
    state = toggleDefault(state);
    expect(pageDecisions(state)).toEqual([
      { frameId: "a", label: "FACE" },
      { frameId: "b", label: "NO_FACE" },
      { frameId: "c", label: "NO_FACE" },
      { frameId: "d", label: "NO_FACE" },
    ]);
  });

  it("marks a tile unsure and back", () => {
    let state = toggleUnsure(startPage(tiles, "NO_FACE"), 2);
    expect(countLabels(pageDecisions(state))).toEqual({ FACE: 0, NO_FACE: 3, UNSURE: 1 });
    // Flipping an unsure tile takes it back to the default.
    expect(countLabels(pageDecisions(flipTile(state, 2)))).toEqual({ FACE: 0, NO_FACE: 4, UNSURE: 0 });
    state = toggleUnsure(state, 2);
    expect(countLabels(pageDecisions(state))).toEqual({ FACE: 0, NO_FACE: 4, UNSURE: 0 });
  });

  it("flips one frame of an expanded scene against its tile", () => {
    let state = toggleExpanded(startPage(tiles, "FACE"), "s");
    expect(state.expanded).toBe("s");
    state = flipFrame(state, "c");
    expect(frameLabel(state, tile(1), "c")).toBe("NO_FACE");
    expect(isMarked(state, tile(1))).toBe(true);
    // Flipping the whole tile flips the rest; the odd frame stays the odd one.
    state = flipTile(state, 1);
    expect(pageDecisions(state).filter((d) => d.frameId === "b" || d.frameId === "c")).toEqual([
      { frameId: "b", label: "NO_FACE" },
      { frameId: "c", label: "FACE" },
    ]);
    state = toggleFrameUnsure(state, "b");
    expect(frameLabel(state, tile(1), "b")).toBe("UNSURE");
    expect(toggleExpanded(state, "s").expanded).toBeNull();
  });

  it("moves the cursor within the grid's edges", () => {
    const many = buildTiles(["a", "b", "c", "d", "e", "f", "g"].map((id) => frame(id)));
    let state = startPage(many, "FACE");
    state = moveCursor(state, 1, 0, 3);
    expect(state.cursor).toBe(1);
    state = moveCursor(state, 0, 1, 3);
    expect(state.cursor).toBe(4);
    state = moveCursor(state, 5, 0, 3);
    expect(state.cursor).toBe(5);
    state = moveCursor(state, 0, 1, 3);
    // Row 3 has only one tile: the cursor stops on the last one.
    expect(state.cursor).toBe(6);
    state = moveCursor(state, -1, -9, 3);
    expect(state.cursor).toBe(0);
  });
});
