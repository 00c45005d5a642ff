/** Small formatters shared by the import and frames pages (pure, so server and client agree). */

/**
 * A position in a video as a player shows it: `m:ss`, `h:mm:ss` past an hour, and tenths when the
 * frame is not on a whole second (`0:01.5`, from sampling faster than 1 fps).
 */
export function formatTimestamp(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0;
  const totalSeconds = Math.floor(safe / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const tenths = Math.floor((safe % 1000) / 100);
  const clock = hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
  return tenths > 0 ? `${clock}.${tenths}` : clock;
}

/** `0:00–0:05`, or one timestamp when the range is a single instant. */
export function formatTimeRange(startMs: number, endMs: number): string {
  const start = formatTimestamp(Math.min(startMs, endMs));
  const end = formatTimestamp(Math.max(startMs, endMs));
  return start === end ? start : `${start}–${end}`;
}

const UNITS = ["KB", "MB", "GB", "TB"] as const;

/** Bytes for people, in powers of 1024 with the customary short units: `0 B`, `812 KB`, `1.4 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(bytes || 0))} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** `1 frame`, `3 frames`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

const pad = (value: number) => String(value).padStart(2, "0");
