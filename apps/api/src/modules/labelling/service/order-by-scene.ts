import type { QueueRow } from "./queue-sql.ts";

/**
 * Grid mode shows a scene as one tile: frames of one scene together (scenes in the order their
 * first frame came), in time order within a scene. Frames without a scene stay where they were.
 */
export function orderByScene<T extends QueueRow>(rows: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = row.sceneId ?? `frame:${row.id}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const byTime = (a: T, b: T) =>
    (a.timestampMs ?? Number.MAX_SAFE_INTEGER) - (b.timestampMs ?? Number.MAX_SAFE_INTEGER) || a.sourceName.localeCompare(b.sourceName);
  return [...groups.values()].flatMap((group) => group.sort(byTime));
}
