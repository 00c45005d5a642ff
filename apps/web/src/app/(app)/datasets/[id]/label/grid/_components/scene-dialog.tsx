"use client";

import { Button } from "@/components/button";
import { Modal } from "@/components/modal";
import { frameCaption } from "@/components/labelling/frame-caption";
import { frameLabel, type GridState, type GridTile } from "@/lib/labelling/grid-page";
import { LABEL_TEXT } from "@/lib/labelling/labels";

const RING = { FACE: "ring-emerald-500", NO_FACE: "ring-red-500", UNSURE: "ring-amber-400" } as const;

/** A scene's frames one by one: a click flips a frame against its tile, `?` marks it unsure. */
export function SceneDialog({
  state,
  tile,
  onFlipFrame,
  onUnsureFrame,
  onClose,
}: {
  state: GridState;
  tile: GridTile;
  onFlipFrame: (frameId: string) => void;
  onUnsureFrame: (frameId: string) => void;
  onClose: () => void;
}) {
  return (
    <Modal title={`Scene of ${tile.frames.length} frames`} description="They are labelled together. Click a frame that differs to flip it on its own." onClose={onClose} size="xl">
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 md:grid-cols-4" data-testid="scene-frames">
        {tile.frames.map((frame) => {
          const label = frameLabel(state, tile, frame.id);
          const odd = Boolean(state.frameMarks[frame.id]);
          return (
            <li key={frame.id} className="relative" data-testid="scene-frame" data-frame-id={frame.id} data-label={label}>
              <button
                type="button"
                onClick={() => onFlipFrame(frame.id)}
                className={`relative block w-full overflow-hidden rounded-lg bg-slate-900 ${odd ? `ring-4 ${RING[label]}` : "ring-1 ring-slate-300"}`}
                aria-label={`${frameCaption(frame)}: ${LABEL_TEXT[label]}. Click to flip.`}
              >
                <img src={frame.thumbnailUrl} alt="" className="aspect-video w-full object-contain" />
                <span className={`absolute bottom-1 left-1 rounded px-1.5 py-0.5 text-[11px] font-bold ${odd ? "uppercase" : ""} ${label === "FACE" ? "bg-emerald-600 text-white" : label === "NO_FACE" ? "bg-red-600 text-white" : "bg-amber-400 text-slate-950"}`}>
                  {LABEL_TEXT[label]}
                </span>
              </button>
              <button
                type="button"
                onClick={() => onUnsureFrame(frame.id)}
                className="absolute right-1 bottom-1 rounded bg-white/85 px-1.5 py-0.5 text-[11px] font-bold text-slate-700 shadow hover:bg-white"
                aria-label="Mark this frame unsure"
                aria-pressed={label === "UNSURE"}
              >
                ?
              </button>
            </li>
          );
        })}
      </ul>
      <div className="mt-5 flex justify-end border-t border-slate-100 pt-4">
        <Button onClick={onClose}>Done</Button>
      </div>
    </Modal>
  );
}
