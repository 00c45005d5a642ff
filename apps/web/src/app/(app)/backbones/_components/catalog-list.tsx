import { Badge } from "@/components/badge";
import { formatBytes } from "@/lib/format";
import { RegisterCatalogButton } from "@/components/ml/register-catalog-button";
import type { BackboneJobView } from "./backbone-jobs";
import { DownloadCatalogButton } from "./download-catalog-button";

export interface CatalogModelView {
  key: string;
  title: string;
  url: string;
  sizeBytes: number;
  sha256: string;
  dims: number;
  licence: string;
  cached: boolean;
  cachePath: string;
  instructions: string;
}

export const CATALOG_FIELDS = "key title url sizeBytes sha256 dims licence cached cachePath instructions";

/**
 * The catalog's backbones (the paper's, from the ONNX model zoo). Each says whether its file is in the
 * model cache; one that is not can be downloaded by a worker (with progress), or, on an offline
 * server, copied where the instructions say and registered.
 */
export function CatalogList({
  models,
  registered,
  jobs,
}: {
  models: CatalogModelView[];
  /** sha256 of the registered backbones: the same file is the same model. */
  registered: ReadonlySet<string>;
  /** The latest download of each model, by key. */
  jobs: ReadonlyMap<string, BackboneJobView>;
}) {
  return (
    <ul className="divide-y divide-slate-100" data-testid="catalog">
      {models.map((model) => (
        <li key={model.key} className="space-y-2 px-5 py-4" data-testid="catalog-model" data-key={model.key} data-cached={model.cached ? "true" : "false"}>
          <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                {model.title}
                {model.cached ? <Badge tone="green">In the cache</Badge> : <Badge tone="amber">Not on this server</Badge>}
                {registered.has(model.sha256) ? <Badge tone="indigo">Registered</Badge> : null}
              </p>
              <p className="mt-0.5 text-xs text-slate-500 tabular-nums">
                {model.dims.toLocaleString("en")} features · {formatBytes(model.sizeBytes)} · {model.licence} ·{" "}
                <a href={model.url} rel="noopener noreferrer" className="font-medium text-indigo-600 hover:text-indigo-500">
                  model zoo
                </a>
              </p>
            </div>
            {model.cached && !registered.has(model.sha256) && !jobs.has(model.key) ? <RegisterCatalogButton modelKey={model.key} title={model.title} /> : null}
          </div>
          {!model.cached || jobs.has(model.key) ? (
            <DownloadCatalogButton modelKey={model.key} title={model.title} initial={jobs.get(model.key) ?? null} registered={registered.has(model.sha256)} />
          ) : null}
          {registered.has(model.sha256) ? null : (
            <p className="text-xs text-slate-600 [overflow-wrap:anywhere]">
              {model.cached
                ? model.instructions
                : "No internet on this server? Fetch the file from the model zoo elsewhere and copy it to the cache path below; kao checks it against the sha256 before registering it."}
            </p>
          )}
          <dl className="grid gap-x-4 gap-y-1 text-xs sm:grid-cols-[auto_minmax(0,1fr)]">
            <dt className="text-slate-500">Cache path</dt>
            <dd>
              <code className="font-mono break-all text-slate-700">{model.cachePath}</code>
            </dd>
            <dt className="text-slate-500">sha256</dt>
            <dd>
              <code className="font-mono break-all text-slate-700">{model.sha256}</code>
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
