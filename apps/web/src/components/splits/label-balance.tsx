import { formatShare, percentOf } from "@/lib/labelling/agreement";

/** Face against no face as a two-colour bar (green, red), the share of faces as its text. */
export function LabelBalanceBar({ face, noFace, label }: { face: number; noFace: number; label: string }) {
  const total = face + noFace;
  const text = total > 0 ? `${formatShare(face / total)} face, ${formatShare(noFace / total)} no face` : "no labelled frames";
  return (
    <div role="img" aria-label={`${label}: ${text}`} title={text} className="flex h-2 w-full min-w-16 overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset">
      <div className="h-full bg-emerald-500" style={{ width: `${percentOf(face, total)}%` }} />
      <div className="h-full bg-red-400" style={{ width: `${percentOf(noFace, total)}%` }} />
    </div>
  );
}

/** `58%` of labelled frames, or a dash for none. */
export function shareOf(part: number, face: number, noFace: number): string {
  return face + noFace > 0 ? formatShare(part / (face + noFace)) : "—";
}
