import { LabelBalanceBar, shareOf } from "./label-balance";
import { SPLIT_STYLE } from "./split-bar";
import { orderedSplits, type SplitCount } from "./split-data";

/** Per split: frames and their label balance (by each frame's consensus now), with a total row. */
export function SplitBalanceTable({ splits }: { splits: readonly SplitCount[] }) {
  const rows = orderedSplits(splits);
  const total = rows.reduce(
    (sum, row) => ({ frames: sum.frames + row.frames, face: sum.face + row.face, noFace: sum.noFace + row.noFace, unlabelled: sum.unlabelled + row.unlabelled }),
    { frames: 0, face: 0, noFace: 0, unlabelled: 0 },
  );
  const anyUnlabelled = total.unlabelled > 0;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="split-table">
        <thead>
          <tr className="border-b border-slate-100 text-left text-xs text-slate-500">
            <th scope="col" className="px-5 py-2 font-medium">
              Split
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Frames
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Face
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              No face
            </th>
            <th scope="col" className={`w-1/4 py-2 pl-2 font-medium ${anyUnlabelled ? "pr-2" : "pr-5"}`}>
              <span className="sr-only">Balance</span>
            </th>
            {anyUnlabelled ? (
              <th scope="col" className="py-2 pr-5 pl-2 text-right font-medium" title="Frames whose consensus was withdrawn or became unsure since they were assigned; exports leave them out.">
                Unlabelled
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.split} data-testid="split-row" data-split={row.split} data-frames={row.frames} data-face={row.face} data-no-face={row.noFace}>
              <th scope="row" className="px-5 py-2.5 text-left font-medium text-slate-900">
                <span className="inline-flex items-center gap-2">
                  <span className={`size-2.5 rounded-full ${SPLIT_STYLE[row.split].bar}`} aria-hidden="true" />
                  {SPLIT_STYLE[row.split].label}
                </span>
              </th>
              <td className="px-2 py-2.5 text-right font-semibold text-slate-900 tabular-nums">{row.frames.toLocaleString("en")}</td>
              <Count value={row.face} share={shareOf(row.face, row.face, row.noFace)} />
              <Count value={row.noFace} share={shareOf(row.noFace, row.face, row.noFace)} />
              <td className={`py-2.5 pl-2 ${anyUnlabelled ? "pr-2" : "pr-5"}`}>
                <LabelBalanceBar face={row.face} noFace={row.noFace} label={`Label balance of ${SPLIT_STYLE[row.split].label}`} />
              </td>
              {anyUnlabelled ? <td className="py-2.5 pr-5 pl-2 text-right text-slate-600 tabular-nums">{row.unlabelled.toLocaleString("en")}</td> : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 text-slate-700">
            <th scope="row" className="px-5 py-2.5 text-left font-semibold">
              All
            </th>
            <td className="px-2 py-2.5 text-right font-semibold tabular-nums">{total.frames.toLocaleString("en")}</td>
            <Count value={total.face} share={shareOf(total.face, total.face, total.noFace)} />
            <Count value={total.noFace} share={shareOf(total.noFace, total.face, total.noFace)} />
            <td className={`py-2.5 pl-2 ${anyUnlabelled ? "pr-2" : "pr-5"}`}>
              <LabelBalanceBar face={total.face} noFace={total.noFace} label="Label balance of all splits" />
            </td>
            {anyUnlabelled ? <td className="py-2.5 pr-5 pl-2 text-right tabular-nums">{total.unlabelled.toLocaleString("en")}</td> : null}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Count({ value, share }: { value: number; share: string }) {
  return (
    <td className="px-2 py-2.5 text-right text-slate-700 tabular-nums">
      {value.toLocaleString("en")} <span className="text-xs text-slate-400">{share}</span>
    </td>
  );
}
