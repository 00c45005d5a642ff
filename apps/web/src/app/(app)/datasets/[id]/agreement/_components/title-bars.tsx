import { agreementBand, formatCoefficient, formatShare } from "@/lib/labelling/agreement";
import type { AgreementData } from "../types";

/** Per title: Fleiss' κ as a bar (0 to 1), with α and percent agreement beside it. */
export function TitleBars({ titles }: { titles: AgreementData["byTitle"] }) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="title-agreement">
      {titles.map((row) => {
        const band = agreementBand(row.fleissKappa);
        const width = row.fleissKappa === null ? 0 : Math.max(0, Math.min(1, row.fleissKappa)) * 100;
        return (
          <li key={row.title.id} className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)_auto] items-center gap-4 px-5 py-3" data-testid="title-agreement-row">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-slate-900" title={row.title.name}>
                {row.title.name}
              </p>
              <p className="text-xs text-slate-500 tabular-nums">{row.frames.toLocaleString("en")} frames compared</p>
            </div>
            <div className="min-w-0">
              <div
                className="h-2.5 w-full overflow-hidden rounded-full bg-slate-100 ring-1 ring-slate-200 ring-inset"
                role="meter"
                aria-label={`Fleiss' kappa for ${row.title.name}`}
                aria-valuemin={-1}
                aria-valuemax={1}
                aria-valuenow={row.fleissKappa ?? undefined}
                aria-valuetext={row.fleissKappa === null ? "not enough data" : `${formatCoefficient(row.fleissKappa)}, ${band.words}`}
              >
                <div className={`h-full rounded-full ${band.bar}`} style={{ width: `${width}%` }} />
              </div>
              <p className="mt-1 text-xs text-slate-500">{band.words}</p>
            </div>
            <dl className="grid grid-cols-3 gap-3 text-right text-xs tabular-nums">
              <div>
                <dt className="text-slate-400">κ</dt>
                <dd className="font-semibold text-slate-900">{formatCoefficient(row.fleissKappa)}</dd>
              </div>
              <div>
                <dt className="text-slate-400">α</dt>
                <dd className="font-semibold text-slate-900">{formatCoefficient(row.krippendorffAlpha)}</dd>
              </div>
              <div>
                <dt className="text-slate-400">agree</dt>
                <dd className="font-semibold text-slate-900">{formatShare(row.percentAgreement)}</dd>
              </div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}
