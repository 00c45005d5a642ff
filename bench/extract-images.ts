// Test images for the extraction benchmark: 1280×720 JPEGs at quality 85, as kao's display variant
// (what the extraction job reads). Each is an anime-like frame drawn with sharp: a gradient sky, a
// flat-shaded figure with dark outlines, a few props, and fine noise so that the JPEG decoder has
// real detail to work through. Every image differs, and a fixed seed makes every run draw the same.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { seededRandom } from "@kao/ml/random";

export const DISPLAY_WIDTH = 1280;
export const DISPLAY_HEIGHT = 720;

/** Which scene to draw: `face` puts a large face (eyes, mouth, hair) in the frame, `no_face` only landscape. */
export type SceneKind = "mixed" | "face" | "no_face";

/** Writes `count` JPEGs named 0001.jpg… into `folder` and returns their paths, in order. */
export async function generateTestImages(options: { folder: string; count: number; kind?: SceneKind; seed?: number }): Promise<string[]> {
  const { folder, count } = options;
  await mkdir(folder, { recursive: true });
  const files: string[] = [];
  // Two at a time: enough to keep both cores busy without holding many 2.7 MB noise buffers.
  for (let i = 0; i < count; i += 2) {
    const batch = Array.from({ length: Math.min(2, count - i) }, (_, k) => i + k);
    files.push(
      ...(await Promise.all(
        batch.map(async (index) => {
          const file = path.join(folder, `${String(index + 1).padStart(4, "0")}.jpg`);
          await writeFile(file, await drawFrame({ index, kind: options.kind ?? "mixed", seed: options.seed ?? 20261128 }));
          return file;
        }),
      )),
    );
  }
  return files;
}

async function drawFrame(options: { index: number; kind: SceneKind; seed: number }): Promise<Buffer> {
  const random = seededRandom(options.seed + options.index * 7919).uniform;
  const kind = options.kind === "mixed" ? (options.index % 3 === 2 ? "no_face" : "face") : options.kind;
  const hue = Math.floor(random() * 360);
  const pick = (spread: number) => Math.floor(random() * spread);
  const svg = `<svg width="${DISPLAY_WIDTH}" height="${DISPLAY_HEIGHT}" xmlns="http://www.w3.org/2000/svg">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0.3" y2="1">
    <stop offset="0" stop-color="hsl(${hue},65%,72%)"/><stop offset="1" stop-color="hsl(${(hue + 50) % 360},55%,40%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#sky)"/>
  <path d="M0 ${520 + pick(60)} Q ${300 + pick(200)} ${420 + pick(80)} 640 ${500 + pick(60)} T 1280 ${480 + pick(80)} V 720 H 0 Z" fill="hsl(${(hue + 140) % 360},40%,35%)" stroke="#1a1a1a" stroke-width="4"/>
  ${Array.from({ length: 4 }, () => `<rect x="${pick(1180)}" y="${200 + pick(300)}" width="${40 + pick(160)}" height="${60 + pick(200)}" fill="hsl(${pick(360)},35%,${30 + pick(40)}%)" stroke="#1a1a1a" stroke-width="3"/>`).join("\n  ")}
  ${kind === "face" ? face(200 + pick(800), 260 + pick(200), 110 + pick(80), pick(360)) : clouds(pick)}
</svg>`;
  const noise = Buffer.alloc(DISPLAY_WIDTH * DISPLAY_HEIGHT);
  for (let k = 0; k < noise.length; k++) noise[k] = Math.floor(random() * 256);
  const grain = await sharp(noise, { raw: { width: DISPLAY_WIDTH, height: DISPLAY_HEIGHT, channels: 1 } }).blur(0.8).png().toBuffer();
  return sharp(Buffer.from(svg))
    .composite([{ input: grain, blend: "soft-light" }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A flat-shaded anime face at (x, y) of radius r: hair, large eyes with highlights, a small mouth. */
function face(x: number, y: number, r: number, hairHue: number): string {
  const eye = (dx: number) =>
    `<ellipse cx="${x + dx}" cy="${y + r * 0.1}" rx="${r * 0.16}" ry="${r * 0.24}" fill="#fff" stroke="#111" stroke-width="4"/>
  <ellipse cx="${x + dx}" cy="${y + r * 0.14}" rx="${r * 0.11}" ry="${r * 0.18}" fill="hsl(${(hairHue + 180) % 360},60%,35%)"/>
  <circle cx="${x + dx - r * 0.04}" cy="${y + r * 0.04}" r="${r * 0.045}" fill="#fff"/>`;
  return `<ellipse cx="${x}" cy="${y + r * 1.5}" rx="${r * 0.9}" ry="${r * 0.8}" fill="hsl(${(hairHue + 90) % 360},50%,45%)" stroke="#111" stroke-width="5"/>
  <path d="M ${x - r * 1.15} ${y + r * 0.6} Q ${x - r * 1.2} ${y - r * 1.25} ${x} ${y - r * 1.2} Q ${x + r * 1.2} ${y - r * 1.25} ${x + r * 1.15} ${y + r * 0.6} Z" fill="hsl(${hairHue},60%,45%)" stroke="#111" stroke-width="5"/>
  <ellipse cx="${x}" cy="${y}" rx="${r * 0.85}" ry="${r}" fill="#fde3cf" stroke="#111" stroke-width="5"/>
  <path d="M ${x - r * 0.9} ${y - r * 0.35} Q ${x - r * 0.3} ${y - r * 0.1} ${x} ${y - r * 0.75} Q ${x + r * 0.4} ${y - r * 0.1} ${x + r * 0.9} ${y - r * 0.35} L ${x + r * 0.8} ${y - r * 0.9} L ${x - r * 0.8} ${y - r * 0.9} Z" fill="hsl(${hairHue},60%,45%)" stroke="#111" stroke-width="4"/>
  ${eye(-r * 0.35)}
  ${eye(r * 0.35)}
  <path d="M ${x - r * 0.12} ${y + r * 0.62} Q ${x} ${y + r * 0.7} ${x + r * 0.12} ${y + r * 0.62}" fill="none" stroke="#111" stroke-width="4"/>
  <ellipse cx="${x - r * 0.5}" cy="${y + r * 0.45}" rx="${r * 0.12}" ry="${r * 0.05}" fill="#f6a5a5" opacity="0.7"/>
  <ellipse cx="${x + r * 0.5}" cy="${y + r * 0.45}" rx="${r * 0.12}" ry="${r * 0.05}" fill="#f6a5a5" opacity="0.7"/>`;
}

/** A few white clouds and a sun: what a no-face establishing shot might show. */
function clouds(pick: (spread: number) => number): string {
  const cloud = () => {
    const x = 80 + pick(1100);
    const y = 60 + pick(240);
    return [0, 1, 2].map((k) => `<circle cx="${x + k * 45}" cy="${y - (k % 2) * 25}" r="${40 + pick(25)}" fill="#fafafa" stroke="#333" stroke-width="3"/>`).join("");
  };
  return `${cloud()}${cloud()}${cloud()}<circle cx="${100 + pick(1000)}" cy="${80 + pick(100)}" r="55" fill="#ffe680" stroke="#333" stroke-width="3"/>`;
}

