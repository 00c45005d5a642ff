"use client";

import { LABEL_KEY, LABEL_TEXT, type Label } from "@/lib/labelling/labels";
import { Kbd } from "./key-help";

const STYLES: Record<Label, { idle: string; chosen: string }> = {
  FACE: { idle: "bg-emerald-600 text-white hover:bg-emerald-500", chosen: "bg-emerald-700 text-white ring-4 ring-emerald-300" },
  NO_FACE: { idle: "bg-rose-600 text-white hover:bg-rose-500", chosen: "bg-rose-700 text-white ring-4 ring-rose-300" },
  UNSURE: { idle: "bg-amber-400 text-slate-950 hover:bg-amber-300", chosen: "bg-amber-500 text-slate-950 ring-4 ring-amber-200" },
};

/** Big Face / No face / Unsure buttons for touch screens, with their keys; `chosen` marks a past decision. */
export function DecisionButtons({ onDecide, chosen, disabled = false, labels = ["FACE", "NO_FACE", "UNSURE"] }: { onDecide: (label: Label) => void; chosen?: Label | null; disabled?: boolean; labels?: Label[] }) {
  return (
    <div className={`grid gap-2 ${labels.length === 2 ? "grid-cols-2" : "grid-cols-3"}`} role="group" aria-label="Decision">
      {labels.map((label) => (
        <button
          key={label}
          type="button"
          disabled={disabled}
          onClick={(event) => {
            // A focused button would keep a focus ring through the next frames' key presses.
            event.currentTarget.blur();
            onDecide(label);
          }}
          aria-pressed={chosen === label}
          aria-label={LABEL_TEXT[label]}
          aria-keyshortcuts={LABEL_KEY[label]}
          className={`flex min-h-12 touch-manipulation items-center justify-center gap-2 rounded-lg px-3 py-2 text-sm font-semibold shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 ${chosen === label ? STYLES[label].chosen : STYLES[label].idle}`}
        >
          {LABEL_TEXT[label]}
          {/* Phones have no keyboard: the key would only crowd the label. */}
          <span className="hidden sm:inline-flex">
            <Kbd className="border-white/40 bg-white/20 text-current shadow-none">{LABEL_KEY[label]}</Kbd>
          </span>
        </button>
      ))}
    </div>
  );
}

/** The dataset's rule checkboxes, numbered for the 1–9 keys. */
export function RuleToggles({ ruleNames, checked, onToggle }: { ruleNames: string[]; checked: readonly string[]; onToggle: (rule: string) => void }) {
  if (ruleNames.length === 0) return null;
  return (
    <fieldset className="flex flex-wrap gap-1.5" data-testid="rule-toggles">
      <legend className="sr-only">Rules that applied</legend>
      {ruleNames.map((rule, index) => {
        const on = checked.includes(rule);
        return (
          <label
            key={rule}
            className={`inline-flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium ring-1 transition select-none ring-inset ${on ? "bg-indigo-50 text-indigo-800 ring-indigo-300" : "bg-white text-slate-600 ring-slate-200 hover:bg-slate-50"}`}
          >
            <input type="checkbox" checked={on} onChange={() => onToggle(rule)} className="size-3.5 accent-indigo-600" />
            {index < 9 ? <span className="font-mono text-[10px] text-slate-400">{index + 1}</span> : null}
            {rule}
          </label>
        );
      })}
    </fieldset>
  );
}
