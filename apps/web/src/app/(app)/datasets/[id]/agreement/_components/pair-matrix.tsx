import { agreementBand, formatCoefficient, formatShare } from "@/lib/labelling/agreement";
import { personName, type PersonRef } from "@/lib/labelling/labels";
import type { AgreementData } from "../types";

const LEGEND = [-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map((value) => agreementBand(value));

/** Labellers × labellers, each cell Cohen's κ of the pair, coloured by Landis & Koch's bands. */
export function PairMatrix({ pairs }: { pairs: AgreementData["pairs"] }) {
  const people = new Map<string, PersonRef>();
  for (const pair of pairs) {
    people.set(pair.a.id, pair.a);
    people.set(pair.b.id, pair.b);
  }
  const labellers = [...people.values()].sort((x, y) => personName(x).localeCompare(personName(y)));
  const byPair = new Map(pairs.flatMap((pair) => [[`${pair.a.id}:${pair.b.id}`, pair] as const, [`${pair.b.id}:${pair.a.id}`, pair] as const]));

  return (
    <div className="space-y-3 px-5 py-4">
      <div className="overflow-x-auto">
        <table className="border-separate border-spacing-1 text-sm" data-testid="pair-matrix">
          <thead>
            <tr>
              <th scope="col" className="sr-only">
                Labeller
              </th>
              {labellers.map((person) => (
                <th key={person.id} scope="col" className="max-w-28 truncate px-1 pb-1 text-left align-bottom text-xs font-medium text-slate-500" title={person.email}>
                  {personName(person)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labellers.map((row) => (
              <tr key={row.id}>
                <th scope="row" className="max-w-40 truncate pr-2 text-left text-xs font-medium text-slate-600" title={row.email}>
                  {personName(row)}
                </th>
                {labellers.map((column) => {
                  if (row.id === column.id) return <td key={column.id} className="size-16 rounded-md bg-slate-100" aria-label="same labeller" />;
                  const pair = byPair.get(`${row.id}:${column.id}`);
                  if (!pair) {
                    return (
                      <td key={column.id} className="size-16 rounded-md bg-white text-center text-xs text-slate-300 ring-1 ring-slate-100 ring-inset" title="No frames labelled by both">
                        —
                      </td>
                    );
                  }
                  const band = agreementBand(pair.cohenKappa);
                  const title = `${personName(row)} and ${personName(column)}: κ ${formatCoefficient(pair.cohenKappa)} (${band.words}), n = ${pair.frames} shared frames, ${formatShare(pair.percentAgreement)} agreement`;
                  return (
                    <td
                      key={column.id}
                      title={title}
                      className={`size-16 rounded-md text-center ${band.cell}`}
                      data-testid="pair-cell"
                      data-a={row.id}
                      data-b={column.id}
                      data-kappa={pair.cohenKappa ?? ""}
                      data-frames={pair.frames}
                    >
                      <span className="block font-semibold tabular-nums">{formatCoefficient(pair.cohenKappa)}</span>
                      <span className="block text-[10px] opacity-70 tabular-nums">n={pair.frames}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600" aria-label="Colour key">
        {LEGEND.map((band) => (
          <li key={band.words} className="inline-flex items-center gap-1">
            <span className={`size-3 rounded ${band.cell}`} aria-hidden="true" />
            {band.words}
          </li>
        ))}
      </ul>
    </div>
  );
}
