/** Frames as the web app reads them (see `Frame` and `frames(...)` in the API schema). */

export const SPLITS = ["UNASSIGNED", "TRAIN", "VAL", "TEST", "DISTINCT"] as const;
export type Split = (typeof SPLITS)[number];

export const SPLIT_LABELS: Record<Split, string> = {
  UNASSIGNED: "Unassigned",
  TRAIN: "Train",
  VAL: "Validation",
  TEST: "Test",
  DISTINCT: "Distinct test",
};

export const LABEL_STATES = ["UNLABELLED", "IN_PROGRESS", "DONE"] as const;
export type LabelState = (typeof LABEL_STATES)[number];

export const LABEL_STATE_LABELS: Record<LabelState, string> = {
  UNLABELLED: "Not labelled",
  IN_PROGRESS: "Being labelled",
  DONE: "Labelled (final)",
};

export interface FrameNode {
  id: string;
  sourceName: string;
  timestampMs: number | null;
  width: number;
  height: number;
  sceneId: string | null;
  split: Split;
  thumbnailUrl: string;
  displayUrl: string;
  imageUrl: string;
  title: { id: string; name: string; kind: "TITLE" | "ARTIST" };
  video: { id: string; fileName: string; episode: string | null } | null;
}

export const FRAME_FIELDS = `
  id sourceName timestampMs width height sceneId split thumbnailUrl displayUrl imageUrl
  title { id name kind }
  video { id fileName episode }
`;

/** Frames per request: a few screens of thumbnails. */
export const FRAMES_PAGE_SIZE = 120;

export interface FrameFilters {
  titleId: string | null;
  split: Split | null;
  labelState: LabelState | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters in a URL (`?title=…&split=TRAIN&state=DONE`); anything unknown is ignored, not an error. */
export function parseFrameFilters(params: Record<string, string | string[] | undefined>): FrameFilters {
  const one = (name: string) => {
    const value = params[name];
    return typeof value === "string" ? value : null;
  };
  const title = one("title");
  const split = one("split");
  const state = one("state");
  return {
    titleId: title && UUID.test(title) ? title : null,
    split: split && (SPLITS as readonly string[]).includes(split) ? (split as Split) : null,
    labelState: state && (LABEL_STATES as readonly string[]).includes(state) ? (state as LabelState) : null,
  };
}

/** The URL query for filters, without empty ones: `title=…&split=TRAIN`. */
export function frameFiltersQuery(filters: FrameFilters): string {
  const query = new URLSearchParams();
  if (filters.titleId) query.set("title", filters.titleId);
  if (filters.split) query.set("split", filters.split);
  if (filters.labelState) query.set("state", filters.labelState);
  return query.toString();
}

export const hasFilters = (filters: FrameFilters) => Boolean(filters.titleId || filters.split || filters.labelState);

/** Appends a page to what is loaded, skipping frames already there (rows may shift between requests). */
export function appendFrames<T extends { id: string }>(loaded: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(loaded.map((frame) => frame.id));
  return [...loaded, ...page.filter((frame) => !seen.has(frame.id))];
}
