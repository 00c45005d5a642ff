/**
 * Grid mode as pure data: a page of tiles (a scene's frames collapsed into one tile), a page default
 * label, and per-tile marks (flipped to the other label, or unsure). Marks are relative to the default,
 * so pressing D after flipping a few tiles keeps them "the other one".
 */
import { oppositeLabel, type Label, type LabelFrame } from "./labels";

export const GRID_SIZES = [3, 4, 5, 6] as const;
export type GridSize = (typeof GRID_SIZES)[number];
export const DEFAULT_GRID_SIZE: GridSize = 4;
export const GRID_SIZE_STORAGE_KEY = "kao:grid-size";

/** The size remembered in localStorage; anything else falls back to the default. */
export function parseGridSize(value: string | null | undefined): GridSize {
  const size = Number(value);
  return (GRID_SIZES as readonly number[]).includes(size) ? (size as GridSize) : DEFAULT_GRID_SIZE;
}

export type PageDefault = "FACE" | "NO_FACE";
export type Mark = "flip" | "unsure";

export interface GridTile {
  /** The scene's id, or the frame's for a frame without a scene. */
  key: string;
  frames: LabelFrame[];
}

export interface GridState {
  tiles: GridTile[];
  pageDefault: PageDefault;
  tileMarks: Record<string, Mark>;
  /** Marks of single frames inside an expanded scene, relative to their tile's label. */
  frameMarks: Record<string, Mark>;
  cursor: number;
  expanded: string | null;
}

/** Frames of one scene become one tile, wherever they sit in the list; tiles keep first-seen order. */
export function buildTiles(frames: readonly LabelFrame[]): GridTile[] {
  const tiles: GridTile[] = [];
  const byKey = new Map<string, GridTile>();
  const seen = new Set<string>();
  for (const frame of frames) {
    if (seen.has(frame.id)) continue;
    seen.add(frame.id);
    const key = frame.sceneId ?? frame.id;
    const tile = byKey.get(key);
    if (tile) {
      tile.frames.push(frame);
      continue;
    }
    const created = { key, frames: [frame] };
    byKey.set(key, created);
    tiles.push(created);
  }
  return tiles;
}

/**
 * Whole tiles for one page, up to `maxTiles` tiles and `maxFrames` frames (a scene larger than a page
 * still goes alone on a page); the rest wait for the next page.
 */
export function takePage(tiles: readonly GridTile[], maxTiles: number, maxFrames = Number.POSITIVE_INFINITY): { page: GridTile[]; rest: GridTile[] } {
  const page: GridTile[] = [];
  let frames = 0;
  for (const tile of tiles) {
    if (page.length >= maxTiles) break;
    if (page.length > 0 && frames + tile.frames.length > maxFrames) break;
    page.push(tile);
    frames += tile.frames.length;
  }
  return { page, rest: tiles.slice(page.length) };
}

export function startPage(tiles: GridTile[], pageDefault: PageDefault): GridState {
  return { tiles, pageDefault, tileMarks: {}, frameMarks: {}, cursor: 0, expanded: null };
}

export function tileLabel(state: GridState, tile: GridTile): Label {
  return applyMark(state.tileMarks[tile.key], state.pageDefault, state.pageDefault);
}

export function frameLabel(state: GridState, tile: GridTile, frameId: string): Label {
  return applyMark(state.frameMarks[frameId], tileLabel(state, tile), state.pageDefault);
}

function applyMark(mark: Mark | undefined, base: Label, pageDefault: PageDefault): Label {
  if (mark === "unsure") return "UNSURE";
  if (mark === "flip") return oppositeLabel(base, pageDefault);
  return base;
}

/** Click or number: the tile takes the other label; again, it is back to the default. */
export function flipTile(state: GridState, index: number): GridState {
  const tile = state.tiles[index];
  if (!tile) return state;
  return { ...state, cursor: index, tileMarks: withMark(state.tileMarks, tile.key, state.tileMarks[tile.key] ? undefined : "flip") };
}

/** U: the tile (the one under the cursor) is unsure; again, it is back to the default. */
export function toggleUnsure(state: GridState, index: number): GridState {
  const tile = state.tiles[index];
  if (!tile) return state;
  return { ...state, cursor: index, tileMarks: withMark(state.tileMarks, tile.key, state.tileMarks[tile.key] === "unsure" ? undefined : "unsure") };
}

/** One frame of an expanded scene: flipped against its tile, or back. */
export function flipFrame(state: GridState, frameId: string): GridState {
  return { ...state, frameMarks: withMark(state.frameMarks, frameId, state.frameMarks[frameId] ? undefined : "flip") };
}

export function toggleFrameUnsure(state: GridState, frameId: string): GridState {
  return { ...state, frameMarks: withMark(state.frameMarks, frameId, state.frameMarks[frameId] === "unsure" ? undefined : "unsure") };
}

/** D: the page default swaps; flipped tiles stay flipped, so they swap too. */
export function toggleDefault(state: GridState): GridState {
  return { ...state, pageDefault: state.pageDefault === "FACE" ? "NO_FACE" : "FACE" };
}

export function toggleExpanded(state: GridState, key: string): GridState {
  return { ...state, expanded: state.expanded === key ? null : key };
}

/** Arrow keys move the cursor within a grid `columns` wide, stopping at the edges. */
export function moveCursor(state: GridState, dx: number, dy: number, columns: number): GridState {
  if (state.tiles.length === 0) return state;
  const row = Math.floor(state.cursor / columns);
  const column = state.cursor % columns;
  const nextColumn = Math.min(columns - 1, Math.max(0, column + dx));
  const nextRow = Math.max(0, row + dy);
  const next = Math.min(state.tiles.length - 1, nextRow * columns + nextColumn);
  return { ...state, cursor: next };
}

/** Every frame of the page with its label, collapsed scene members included: what Enter submits. */
export function pageDecisions(state: GridState): { frameId: string; label: Label }[] {
  return state.tiles.flatMap((tile) => tile.frames.map((frame) => ({ frameId: frame.id, label: frameLabel(state, tile, frame.id) })));
}

export function countLabels(decisions: readonly { label: Label }[]): Record<Label, number> {
  const counts: Record<Label, number> = { FACE: 0, NO_FACE: 0, UNSURE: 0 };
  for (const decision of decisions) counts[decision.label] += 1;
  return counts;
}

/** A tile whose label is not the page default (flipped or unsure), to be marked on screen. */
export const isMarked = (state: GridState, tile: GridTile) => tileLabel(state, tile) !== state.pageDefault || tile.frames.some((frame) => state.frameMarks[frame.id]);

function withMark(marks: Record<string, Mark>, key: string, mark: Mark | undefined): Record<string, Mark> {
  const next = { ...marks };
  if (mark) next[key] = mark;
  else delete next[key];
  return next;
}
