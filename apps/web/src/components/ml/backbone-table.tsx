import { DateTime } from "@/components/date-time";
import type { BackboneDetail } from "./ml-data";
import { matchPreset, preprocessingFormula } from "./preprocessing";

/** Registered backbones with what extraction does with each: input, preprocessing, tap and pooling, and the file (admins). */
export function BackboneTable({ backbones, showFiles }: { backbones: BackboneDetail[]; showFiles: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="backbones">
        <thead>
          <tr className="border-b border-slate-100 bg-slate-50 text-left text-xs text-slate-500">
            <th scope="col" className="px-5 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Input
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Preprocessing
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Tap
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Dims
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              sha256
            </th>
            {showFiles ? (
              <th scope="col" className="px-5 py-2 font-medium">
                File
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {backbones.map((backbone) => {
            const preset = matchPreset(backbone);
            return (
              <tr key={backbone.id} data-testid="backbone-row" data-name={backbone.name} data-dims={backbone.dims}>
                <th scope="row" className="px-5 py-3 text-left align-top font-medium text-slate-900">
                  {backbone.name}
                  <span className="mt-0.5 block text-xs font-normal text-slate-400">
                    added <DateTime value={backbone.createdAt} dateOnly />
                  </span>
                </th>
                <td className="px-2 py-3 align-top whitespace-nowrap text-slate-700 tabular-nums">
                  {backbone.inputWidth}×{backbone.inputHeight}
                  <span className="block text-xs text-slate-500">{backbone.channelOrder}</span>
                </td>
                <td className="px-2 py-3 align-top text-slate-700">
                  <span className="font-mono text-xs">{preprocessingFormula(backbone)}</span>
                  {preset ? <span className="block text-xs text-slate-500">{preset.label}</span> : null}
                </td>
                <td className="px-2 py-3 align-top text-slate-700">
                  <span className="font-mono text-xs">{backbone.tapLayer}</span>
                  <span className="block text-xs text-slate-500">{backbone.pooling === "MAX" ? "max" : "average"}-pooled per channel</span>
                </td>
                <td className="px-2 py-3 text-right align-top font-semibold text-slate-900 tabular-nums">{backbone.dims.toLocaleString("en")}</td>
                <td className="px-2 py-3 align-top">
                  <code className="font-mono text-xs text-slate-600" title={backbone.sha256}>
                    {backbone.sha256.slice(0, 12)}…
                  </code>
                </td>
                {showFiles ? (
                  <td className="max-w-64 px-5 py-3 align-top">
                    <code className="font-mono text-xs break-all text-slate-600">{backbone.modelPath ?? "—"}</code>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
