import path from "node:path";
import { MediaError } from "./media-error.ts";
import { ffmpegInput, lastLines, runTool } from "./run-tool.ts";

export type VideoInfo = {
  durationMs: number | null; // null when the container does not say (e.g. a live-style stream)
  width: number; // display size: rotation applied and non-square pixels stretched, i.e. what to sample at
  height: number;
  frameRate: number | null; // average frames per second; null when unknown
  codec: string; // e.g. "h264", "vp9"
  formatName: string; // ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
};

type ProbeStream = {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number | string }[];
};
type ProbeOutput = { streams?: ProbeStream[]; format?: { duration?: string; format_name?: string } };

/** Reads a video's container and first video stream with `ffprobe -show_format -show_streams`. */
export async function probeVideo(options: { path: string; ffprobe: string; fileName?: string }): Promise<VideoInfo> {
  const { ffprobe } = options;
  const fileName = options.fileName ?? path.basename(options.path);
  // `file:` stops a name like "concat:a|b" or "-x" from being read as a protocol or an option.
  const input = ffmpegInput(options.path);
  let result;
  try {
    result = await runTool({
      command: ffprobe,
      args: ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", input],
      timeoutMs: 60_000,
    });
  } catch (error) {
    throw new MediaError("FFMPEG_FAILED", `cannot run ffprobe at ${ffprobe}: ${error instanceof Error ? error.message : String(error)}`, { fileName, cause: error });
  }
  // ffprobe names the input path in its messages; show the user's file name instead of ours.
  const detail = lastLines(result.stderr.split(input).join(fileName), 3);
  if (result.signal !== null) {
    throw new MediaError("FFMPEG_FAILED", `ffprobe was stopped (${result.signal}) while reading the file`, { fileName });
  }
  if (result.exitCode !== 0) {
    throw new MediaError("CORRUPT", `not a readable video (${detail || `ffprobe exit ${result.exitCode}`})`, { fileName });
  }

  let parsed: ProbeOutput;
  try {
    parsed = JSON.parse(result.stdout) as ProbeOutput;
  } catch (error) {
    throw new MediaError("FFMPEG_FAILED", "ffprobe printed something that is not JSON", { fileName, cause: error });
  }
  // Cover art in MP4/MKV is a "video" stream too, flagged as an attached picture.
  const video = (parsed.streams ?? []).find((stream) => stream.codec_type === "video" && stream.disposition?.attached_pic !== 1);
  if (video === undefined) {
    const hasAudio = (parsed.streams ?? []).some((stream) => stream.codec_type === "audio");
    throw new MediaError("NO_VIDEO_STREAM", hasAudio ? "no video stream (audio only?)" : "no video stream", { fileName });
  }
  const storedWidth = video.width ?? 0;
  const storedHeight = video.height ?? 0;
  if (storedWidth <= 0 || storedHeight <= 0) {
    throw new MediaError("CORRUPT", "the video stream has no frame size", { fileName });
  }

  // Anamorphic video (e.g. DVD rips stored at 720×480 with non-square pixels) is shown wider or narrower
  // than stored; ffmpeg's decoder outputs the stored size, so the sampler must be told the display size.
  const sar = parseRatio(video.sample_aspect_ratio, ":");
  const displayWidth = sar !== null && sar > 0 && Math.abs(sar - 1) > 1e-3 ? evenRound(storedWidth * sar) : storedWidth;
  // ffmpeg rotates by the display matrix by default when decoding (phone videos), so report rotated sizes.
  const quarterTurns = Math.round(rotationDegrees(video) / 90);
  const [width, height] = quarterTurns % 2 === 0 ? [displayWidth, storedHeight] : [storedHeight, displayWidth];

  const durationSeconds = parseNumber(parsed.format?.duration) ?? parseNumber(video.duration);
  return {
    durationMs: durationSeconds === null ? null : Math.round(durationSeconds * 1000),
    width,
    height,
    frameRate: parseRatio(video.avg_frame_rate, "/") ?? parseRatio(video.r_frame_rate, "/"),
    codec: video.codec_name ?? "unknown",
    formatName: parsed.format?.format_name ?? "unknown",
  };
}

function rotationDegrees(stream: ProbeStream): number {
  for (const sideData of stream.side_data_list ?? []) {
    const rotation = parseNumber(sideData.rotation === undefined ? undefined : String(sideData.rotation));
    if (rotation !== null) return rotation;
  }
  return parseNumber(stream.tags?.rotate) ?? 0; // ffprobe before 5.0 reported it as a tag
}

function evenRound(value: number): number {
  return Math.max(2, 2 * Math.round(value / 2));
}

function parseNumber(text: string | undefined): number | null {
  if (text === undefined || text === "N/A") return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** "30000/1001" → 29.97; "0/0" or missing → null. */
function parseRatio(text: string | undefined, separator: string): number | null {
  if (text === undefined) return null;
  const [numerator, denominator] = text.split(separator).map(Number);
  if (numerator === undefined || denominator === undefined || !Number.isFinite(numerator) || !(denominator > 0) || !(numerator > 0)) return null;
  return numerator / denominator;
}
