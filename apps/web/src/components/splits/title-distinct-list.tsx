"use client";

import { Spinner } from "@/components/spinner";
import { plural } from "@/lib/format";
import { requestGraphQL } from "@/lib/graphql-client";
import type { MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";
import { SplitBadge } from "./split-bar";

export interface DistinctTitle {
  id: string;
  name: string;
  kind: "TITLE" | "ARTIST";
  frameCount: number;
  isDistinct: boolean;
  /** Frames with a final label (face, no face or unsure). */
  done: number;
}

// The result is ConflictError | SetTitleDistinctSuccess: no ValidationError to select.
const SET_TITLE_DISTINCT = /* GraphQL */ `
  mutation SetTitleDistinct($titleId: ID!, $distinct: Boolean!) {
    setTitleDistinct(titleId: $titleId, distinct: $distinct) {
      __typename
      ... on Error { message }
      ... on SetTitleDistinctSuccess { data { id isDistinct } }
    }
  }
`;

type SetTitleDistinctResult = MutationFailure | { __typename: "SetTitleDistinctSuccess"; data: { id: string; isDistinct: boolean } };

/** The dataset's titles, each held out as the distinct test set or not (admins switch it). */
export function TitleDistinctList({ titles, isAdmin }: { titles: DistinctTitle[]; isAdmin: boolean }) {
  if (titles.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">No titles yet: import frames first.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="title-list">
      {titles.map((title) => (
        <TitleRow key={title.id} title={title} isAdmin={isAdmin} />
      ))}
    </ul>
  );
}

function TitleRow({ title, isAdmin }: { title: DistinctTitle; isAdmin: boolean }) {
  const mutation = useMutation();

  function toggle() {
    mutation.run(async () => {
      const { setTitleDistinct } = await requestGraphQL<{ setTitleDistinct: SetTitleDistinctResult }>(SET_TITLE_DISTINCT, { titleId: title.id, distinct: !title.isDistinct });
      if (setTitleDistinct.__typename !== "SetTitleDistinctSuccess") return setTitleDistinct;
    });
  }

  return (
    <li className="px-5 py-3" data-testid="title-row" data-title={title.name} data-distinct={title.isDistinct ? "true" : "false"}>
      <div className="flex items-center gap-3">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-slate-900" title={title.name}>
            {title.name}
            {title.kind === "ARTIST" ? <span className="ml-1.5 text-xs font-normal text-slate-500">artist</span> : null}
          </p>
          <p className="text-xs text-slate-500 tabular-nums">
            {plural(title.frameCount, "frame")} · {title.done.toLocaleString("en")} with a final label
          </p>
        </div>
        {isAdmin ? (
          <label className="inline-flex shrink-0 cursor-pointer items-center gap-2 text-xs font-medium text-slate-600">
            {mutation.pending ? <Spinner className="size-3.5 text-slate-400" /> : null}
            Distinct
            <button
              type="button"
              role="switch"
              aria-checked={title.isDistinct}
              aria-label={`Distinct test title: ${title.name}`}
              disabled={mutation.pending}
              onClick={toggle}
              className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60 ${
                title.isDistinct ? "bg-fuchsia-500" : "bg-slate-300"
              }`}
            >
              <span className={`inline-block size-4 rounded-full bg-white shadow transition ${title.isDistinct ? "translate-x-4.5" : "translate-x-0.5"}`} aria-hidden="true" />
            </button>
          </label>
        ) : title.isDistinct ? (
          <SplitBadge split="DISTINCT" />
        ) : null}
      </div>
      {mutation.error ? (
        <p role="alert" className="mt-1.5 text-xs font-medium text-red-600">
          {mutation.error}
        </p>
      ) : null}
    </li>
  );
}
