import { formatTimeRange } from "./format";

/** What grouping needs of a frame (the frames page's GraphQL selection has more). */
export interface SceneFrame {
  id: string;
  sceneId: string | null;
  timestampMs: number | null;
  sourceName: string;
  title: { name: string };
  video: { fileName: string; episode: string | null } | null;
}

export interface SceneGroup<T> {
  /** Stable while more pages are appended: the id of the group's first frame. */
  key: string;
  sceneId: string | null;
  frames: T[];
}

/**
 * Consecutive frames of the same scene, in the order given (the API's title, video, time order).
 * A frame without a scene is a group of its own. Pages appended later extend the last group when
 * they continue its scene, so grouping the whole loaded list again is always right.
 */
export function groupByScene<T extends { id: string; sceneId: string | null }>(frames: readonly T[]): SceneGroup<T>[] {
  const groups: SceneGroup<T>[] = [];
  let current: SceneGroup<T> | undefined;
  for (const frame of frames) {
    if (current && frame.sceneId !== null && frame.sceneId === current.sceneId) {
      current.frames.push(frame);
      continue;
    }
    current = { key: frame.id, sceneId: frame.sceneId, frames: [frame] };
    groups.push(current);
  }
  return groups;
}

export interface SceneSummary {
  /** `0:00–0:05` for video frames; null for images. */
  timeRange: string | null;
  /** The video's file, or the image (`a.png`, `a.png +3 more` for a run of zip entries). */
  source: string;
  title: string;
  episode: string | null;
  count: number;
}

export function summariseScene(frames: readonly SceneFrame[]): SceneSummary {
  const first = frames[0];
  if (!first) return { timeRange: null, source: "", title: "", episode: null, count: 0 };
  const times = frames.map((frame) => frame.timestampMs).filter((ms): ms is number => ms !== null);
  const timeRange = times.length > 0 ? formatTimeRange(Math.min(...times), Math.max(...times)) : null;
  const names = [...new Set(frames.map((frame) => frame.sourceName))];
  const source = first.video?.fileName ?? (names.length > 1 ? `${names[0]} +${names.length - 1} more` : first.sourceName);
  return { timeRange, source, title: first.title.name, episode: first.video?.episode ?? null, count: frames.length };
}
