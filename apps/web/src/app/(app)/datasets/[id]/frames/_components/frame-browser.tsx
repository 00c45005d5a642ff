"use client";

import { useMemo, useState } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { formatTimestamp, plural } from "@/lib/format";
import { FRAME_FIELDS, FRAMES_PAGE_SIZE, appendFrames, type FrameFilters, type FrameNode } from "@/lib/frames";
import { requestGraphQL } from "@/lib/graphql-client";
import { groupByScene, summariseScene, type SceneGroup } from "@/lib/scene-groups";
import { FrameLightbox } from "./frame-lightbox";

const MORE_FRAMES = /* GraphQL */ `
  query MoreFrames($id: ID!, $titleId: ID, $split: Split, $labelState: FrameLabelState, $first: Int!, $after: String!) {
    frames(datasetId: $id, titleId: $titleId, split: $split, labelState: $labelState, first: $first, after: $after) {
      edges { node { ${FRAME_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface FramesPage {
  frames: { edges: { node: FrameNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/** Thumbnails grouped by scene, more on demand, and a lightbox for one frame. */
export function FrameBrowser({
  datasetId,
  filters,
  initialFrames,
  initialCursor,
  canPin = false,
}: {
  datasetId: string;
  /** Admins may pin frames as guideline examples from the lightbox. */
  canPin?: boolean;
  filters: FrameFilters;
  initialFrames: FrameNode[];
  initialCursor: string | null;
}) {
  const [frames, setFrames] = useState(initialFrames);
  const [cursor, setCursor] = useState(initialCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const groups = useMemo(() => groupByScene(frames), [frames]);
  // Where each frame sits in `frames`, for the lightbox's previous / next.
  const indexById = useMemo(() => new Map(frames.map((frame, index) => [frame.id, index])), [frames]);

  async function loadMore() {
    if (!cursor || loading) return;
    setLoading(true);
    setError(null);
    try {
      const data = await requestGraphQL<FramesPage>(MORE_FRAMES, { id: datasetId, ...filters, first: FRAMES_PAGE_SIZE, after: cursor });
      setFrames((loaded) => appendFrames(loaded, data.frames.edges.map((edge) => edge.node)));
      setCursor(data.frames.pageInfo.hasNextPage ? data.frames.pageInfo.endCursor : null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not load more frames.");
    } finally {
      setLoading(false);
    }
  }

  const current = open === null ? undefined : frames[open];

  return (
    <>
      <div className="flex flex-wrap items-start gap-3" data-testid="scene-groups">
        {groups.map((group) => (
          <SceneCard key={group.key} group={group} onOpen={(frame) => setOpen(indexById.get(frame.id) ?? null)} />
        ))}
      </div>
      <div className="mt-6 flex flex-col items-center gap-3">
        <p className="text-sm text-slate-500" data-testid="frames-shown">
          Showing {plural(frames.length, "frame")} in {plural(groups.length, "scene")}
          {cursor ? "" : "; that is all of them"}.
        </p>
        {error ? <Alert>{error}</Alert> : null}
        {cursor ? (
          <Button variant="secondary" pending={loading} onClick={() => void loadMore()}>
            Load more
          </Button>
        ) : null}
      </div>
      {current && open !== null ? (
        <FrameLightbox
          frame={current}
          position={{ index: open, count: frames.length, more: Boolean(cursor) }}
          onClose={() => setOpen(null)}
          onPrevious={open > 0 ? () => setOpen(open - 1) : null}
          onNext={open < frames.length - 1 ? () => setOpen(open + 1) : null}
          canPin={canPin}
        />
      ) : null}
    </>
  );
}

function SceneCard({ group, onOpen }: { group: SceneGroup<FrameNode>; onOpen: (frame: FrameNode) => void }) {
  const summary = summariseScene(group.frames);
  const heading = summary.timeRange ?? summary.source;
  const details = [summary.title, summary.timeRange ? summary.source : null, summary.episode ? `Ep. ${summary.episode}` : null].filter(Boolean).join(" · ");
  return (
    <section
      className="max-w-full rounded-xl bg-white p-2 shadow-sm ring-1 ring-slate-200"
      data-testid="scene-group"
      data-scene-id={group.sceneId ?? ""}
      aria-label={`${summary.timeRange ? `Scene ${summary.timeRange}` : summary.source}, ${summary.title}, ${plural(summary.count, "frame")}`}
    >
      <header className="mb-2 flex w-0 min-w-full items-baseline justify-between gap-2 px-1 pt-0.5">
        <div className="min-w-0">
          <h3 className="truncate text-sm font-semibold text-slate-900 tabular-nums" title={heading}>
            {heading}
          </h3>
          <p className="truncate text-xs text-slate-500" title={details} data-testid="scene-details">
            {details}
          </p>
        </div>
        <span className="shrink-0 rounded-md bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600 tabular-nums">{group.frames.length}</span>
      </header>
      <ul className="flex flex-wrap gap-2">
        {group.frames.map((frame) => (
          <li key={frame.id}>
            <FrameTile frame={frame} onOpen={() => onOpen(frame)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FrameTile({ frame, onOpen }: { frame: FrameNode; onOpen: () => void }) {
  const time = frame.timestampMs === null ? null : formatTimestamp(frame.timestampMs);
  return (
    <button
      type="button"
      onClick={onOpen}
      data-testid="frame-tile"
      data-frame-id={frame.id}
      aria-label={`Open ${frame.sourceName}${time ? ` at ${time}` : ""}`}
      className="group relative block w-[calc((100vw-5rem)/2)] max-w-40 overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-200 transition hover:ring-2 hover:ring-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 sm:w-40"
    >
      {/* Same-origin proxy to the API's JPEG; plain <img> since the images need the session cookie. */}
      <img
        src={frame.thumbnailUrl}
        alt={`${frame.title.name}, ${frame.sourceName}${time ? ` at ${time}` : ""}`}
        loading="lazy"
        decoding="async"
        className="aspect-video w-full object-contain transition group-hover:opacity-90"
      />
      {time ? (
        <span className="absolute bottom-1 left-1 rounded bg-slate-900/75 px-1.5 py-0.5 text-[11px] font-medium text-white tabular-nums" data-testid="frame-time">
          {time}
        </span>
      ) : null}
    </button>
  );
}
