"use client";

import { LABEL_TEXT, type Label } from "@/lib/labelling/labels";
import type { GridTile as Tile } from "@/lib/labelling/grid-page";
import { frameCaption } from "@/components/labelling/frame-caption";

const MARKED: Record<Label, { ring: string; chip: string }> = {
  FACE: { ring: "ring-4 ring-emerald-500", chip: "bg-emerald-600 text-white" },
  NO_FACE: { ring: "ring-4 ring-red-500", chip: "bg-red-600 text-white" },
  UNSURE: { ring: "ring-4 ring-amber-400", chip: "bg-amber-400 text-slate-950" },
};

/**
 * One tile: a frame, or a scene's frames under its first frame's thumbnail with a count badge (click
 * it to open the scene). A tile that is not the page default is clearly marked: a thick coloured
 * border and its label in capitals.
 */
export function GridTile({
  tile,
  index,
  label,
  marked,
  cursor,
  onFlip,
  onUnsure,
  onExpand,
}: {
  tile: Tile;
  index: number;
  label: Label;
  /** Not the page default (flipped, unsure, or a frame inside flipped). */
  marked: boolean;
  cursor: boolean;
  onFlip: () => void;
  onUnsure: () => void;
  onExpand: () => void;
}) {
  const [first] = tile.frames;
  if (!first) return null;
  const count = tile.frames.length;
  const style = marked ? MARKED[label] : { ring: "ring-1 ring-slate-300", chip: "bg-white/85 text-slate-700" };
  return (
    <li
      className="relative min-w-0"
      data-testid="grid-tile"
      data-index={index + 1}
      data-frame-ids={tile.frames.map((frame) => frame.id).join(",")}
      data-label={label}
      data-marked={marked ? "true" : undefined}
    >
      <button
        type="button"
        onClick={(event) => {
          event.currentTarget.blur();
          onFlip();
        }}
        aria-label={`Tile ${index + 1}: ${LABEL_TEXT[label]}${count > 1 ? `, scene of ${count} frames` : ""}. Click to flip.`}
        className={`group relative block w-full touch-manipulation overflow-hidden rounded-lg bg-slate-900 transition ${style.ring} ${cursor ? "outline-2 outline-offset-2 outline-indigo-500 outline-dashed" : ""}`}
      >
        <img src={first.thumbnailUrl} alt={frameCaption(first)} className="aspect-video w-full object-contain transition group-hover:opacity-90" draggable={false} />
        {count > 1 ? (
          // Stacked-cards edge: this tile stands for several frames.
          <span className="pointer-events-none absolute inset-x-2 -bottom-px h-1 rounded-t bg-white/40" aria-hidden="true" />
        ) : null}
        <span className="absolute top-1 left-1 rounded bg-slate-900/80 px-1.5 py-0.5 font-mono text-[11px] font-semibold text-white tabular-nums">{index + 1}</span>
        <span className={`absolute bottom-1 left-1 rounded px-1.5 py-0.5 text-[11px] font-bold tracking-wide ${marked ? "uppercase" : ""} ${style.chip}`} data-testid="tile-label">
          {LABEL_TEXT[label]}
        </span>
      </button>
      {count > 1 ? (
        <button
          type="button"
          onClick={onExpand}
          className="absolute top-1 right-1 rounded-full bg-indigo-600 px-2 py-0.5 text-[11px] font-bold text-white shadow ring-2 ring-white hover:bg-indigo-500"
          aria-label={`Open the scene of tile ${index + 1} (${count} frames)`}
          data-testid="scene-count"
        >
          ×{count}
        </button>
      ) : null}
      <button
        type="button"
        onClick={onUnsure}
        className={`absolute right-1 bottom-1 rounded px-1.5 py-0.5 text-[11px] font-bold shadow ${label === "UNSURE" ? "bg-amber-400 text-slate-950" : "bg-white/85 text-slate-600 hover:bg-white"}`}
        aria-label={`Mark tile ${index + 1} unsure`}
        aria-pressed={label === "UNSURE"}
      >
        ?
      </button>
    </li>
  );
}
