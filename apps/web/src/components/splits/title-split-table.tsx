import { SplitBadge, SPLIT_STYLE } from "./split-bar";
import { ASSIGNED_SPLITS, orderedSplits, type TitleSplitCounts } from "./split-data";
import { shareOf } from "./label-balance";

/**
 * Per title: its frames in each split as `face / no face` with the share of faces, so a title that
 * lands mostly in one split, or with one label only, stands out.
 */
export function TitleSplitTable({ titles }: { titles: readonly TitleSplitCounts[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="title-split-table">
        <thead>
          <tr className="border-b border-slate-100 text-left text-xs text-slate-500">
            <th scope="col" className="px-5 py-2 font-medium">
              Title
            </th>
            {ASSIGNED_SPLITS.map((split) => (
              <th key={split} scope="col" className="px-2 py-2 text-right font-medium">
                <span className="inline-flex items-center gap-1.5">
                  <span className={`size-2 rounded-full ${SPLIT_STYLE[split].bar}`} aria-hidden="true" />
                  {SPLIT_STYLE[split].label}
                </span>
              </th>
            ))}
            <th scope="col" className="py-2 pr-5 pl-2 text-right font-medium">
              All
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {[...titles].sort((x, y) => x.title.name.localeCompare(y.title.name)).map((row) => {
            const cells = orderedSplits(row.splits);
            const face = cells.reduce((sum, cell) => sum + cell.face, 0);
            const noFace = cells.reduce((sum, cell) => sum + cell.noFace, 0);
            return (
              <tr key={row.title.id} data-testid="title-split-row" data-title={row.title.name}>
                <th scope="row" className="max-w-56 px-5 py-2.5 text-left font-medium text-slate-900">
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="truncate" title={row.title.name}>
                      {row.title.name}
                    </span>
                    {row.title.isDistinct ? <SplitBadge split="DISTINCT" /> : null}
                  </span>
                </th>
                {cells.map((cell) => (
                  <td key={cell.split} className="px-2 py-2.5 text-right tabular-nums" data-split={cell.split} data-face={cell.face} data-no-face={cell.noFace}>
                    {cell.frames === 0 ? (
                      <span className="text-slate-300">—</span>
                    ) : (
                      <Balance face={cell.face} noFace={cell.noFace} unlabelled={cell.unlabelled} />
                    )}
                  </td>
                ))}
                <td className="py-2.5 pr-5 pl-2 text-right font-medium tabular-nums">
                  <Balance face={face} noFace={noFace} unlabelled={cells.reduce((sum, cell) => sum + cell.unlabelled, 0)} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Balance({ face, noFace, unlabelled }: { face: number; noFace: number; unlabelled: number }) {
  return (
    <span className="inline-flex flex-col items-end leading-tight" title={`${face} face, ${noFace} no face${unlabelled ? `, ${unlabelled} without a label now` : ""}`}>
      <span className="text-slate-900">
        <span className="text-emerald-700">{face.toLocaleString("en")}</span>
        <span className="text-slate-300"> / </span>
        <span className="text-red-700">{noFace.toLocaleString("en")}</span>
      </span>
      <span className="text-[11px] text-slate-500">{shareOf(face, face, noFace)} face</span>
    </span>
  );
}
