type Tone = "indigo" | "sky" | "green" | "red" | "amber" | "slate";

const TONES: Record<Tone, string> = {
  indigo: "bg-indigo-600",
  sky: "bg-sky-500",
  green: "bg-emerald-500",
  red: "bg-red-500",
  amber: "bg-amber-500",
  slate: "bg-slate-400",
};

/** A labelled bar for 0–100; `label` is its accessible name, `valueText` what screen readers say. */
export function ProgressBar({
  value,
  label,
  valueText,
  tone = "indigo",
  size = "md",
  testId,
}: {
  value: number;
  label: string;
  valueText?: string;
  tone?: Tone;
  size?: "sm" | "md";
  testId?: string;
}) {
  const percent = Math.round(Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText ?? `${percent}%`}
      data-testid={testId}
      className={`w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-inset ring-slate-200 ${size === "sm" ? "h-1.5" : "h-2.5"}`}
    >
      <div className={`h-full rounded-full transition-[width] duration-500 ease-out ${TONES[tone]}`} style={{ width: `${percent}%` }} />
    </div>
  );
}
