"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/button";
import { inputClass } from "@/components/field";
import { requestGraphQL } from "@/lib/graphql-client";
import { useMutation } from "@/lib/use-mutation";

const PIN_EXAMPLE = /* GraphQL */ `
  mutation PinExample($frameId: ID!, $label: Label!, $note: String) {
    pinExample(frameId: $frameId, label: $label, note: $note) { id label note }
  }
`;

/** Admins pin a frame beside the face rules as a Face or No face example, with why. */
export function PinExampleForm({ frameId }: { frameId: string }) {
  const mutation = useMutation();
  const [pinned, setPinned] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const label = String(form.get("label") ?? "FACE");
    const note = String(form.get("note") ?? "").trim();
    mutation.run(
      async () => {
        await requestGraphQL(PIN_EXAMPLE, { frameId, label, note: note || null });
        setPinned(label === "FACE" ? "Pinned as a Face example." : "Pinned as a No face example.");
      },
      { refresh: false },
    );
  }

  return (
    <form onSubmit={handleSubmit} className="space-y-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200 ring-inset" aria-label="Pin as example" key={frameId}>
      <p className="text-xs font-semibold text-slate-700">Pin as an example of the face rules</p>
      <div className="flex gap-3 text-sm" role="radiogroup" aria-label="Example of">
        <label className="inline-flex items-center gap-1.5">
          <input type="radio" name="label" value="FACE" defaultChecked className="accent-emerald-600" /> Face
        </label>
        <label className="inline-flex items-center gap-1.5">
          <input type="radio" name="label" value="NO_FACE" className="accent-red-600" /> No face
        </label>
      </div>
      <input name="note" maxLength={500} placeholder="Why (e.g. profile counts)" aria-label="Note" className={`${inputClass} text-xs`} />
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" variant="secondary" pending={mutation.pending}>
          Pin example
        </Button>
        {pinned && !mutation.error ? (
          <span role="status" className="text-xs font-medium text-emerald-700">
            {pinned}
          </span>
        ) : null}
        {mutation.error ? (
          <span role="alert" className="text-xs text-red-600">
            {mutation.error}
          </span>
        ) : null}
      </div>
    </form>
  );
}
