import { formatTimestamp } from "@/lib/format";
import type { LabelFrame } from "@/lib/labelling/labels";

/** Where a frame comes from, in one line: `Title · ep01.mkv · Ep. 1 · 0:12`. */
export function frameCaption(frame: Pick<LabelFrame, "title" | "video" | "sourceName" | "timestampMs">): string {
  const parts = [frame.title.name, frame.video?.fileName ?? frame.sourceName];
  if (frame.video?.episode) parts.push(`Ep. ${frame.video.episode}`);
  if (frame.timestampMs !== null) parts.push(formatTimestamp(frame.timestampMs));
  return parts.join(" · ");
}
