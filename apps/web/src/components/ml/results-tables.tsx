"use client";

import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/badge";
import type { MetricSplit, ResultsRow, SplitScore } from "./ml-data";
import { PublishRunButton } from "./publish-run-button";
import { METRIC_TEXT, SPLIT_TEXT, bestRows, correctCount, formatC, formatScore, kernelLabel, type ScoreMetric } from "./results";

const TABLE_1: readonly MetricSplit[] = ["train", "val", "test"];
const TABLE_2: readonly MetricSplit[] = ["distinct"];

/**
 * The paper's two tables from the API's rows (backbone × kernel, each kernel's best C on validation):
 * Table 1 train / validation / test, Table 2 the distinct test set of unseen titles. The best value of
 * each column is marked; the configuration validation picked is highlighted; accuracy or balanced
 * accuracy, with the other on hover.
 */
export function ResultsTables({ datasetId, rows, isAdmin }: { datasetId: string; rows: ResultsRow[]; isAdmin: boolean }) {
  const [metric, setMetric] = useState<ScoreMetric>("accuracy");
  return (
    <div className="space-y-6" data-testid="results" data-metric={metric}>
      <div className="flex flex-wrap items-center justify-between gap-3 px-5">
        <div role="group" aria-label="Figure shown" className="inline-flex rounded-lg bg-slate-100 p-0.5 text-xs font-semibold">
          {(["accuracy", "balancedAccuracy"] as const).map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={metric === value}
              onClick={() => setMetric(value)}
              className={`rounded-md px-3 py-1.5 transition ${metric === value ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
            >
              {METRIC_TEXT[value]}
            </button>
          ))}
        </div>
        <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
          <span className="inline-flex items-center gap-1.5">
            <BestMark /> best in its column
          </span>
          <span className="inline-flex items-center gap-1.5">
            <span className="size-3 rounded-sm bg-indigo-100 ring-1 ring-indigo-300" aria-hidden="true" /> picked on validation
          </span>
        </p>
      </div>
      <ResultsTable
        testId="table-1"
        caption="Table 1"
        description={`${METRIC_TEXT[metric]} on the train, validation and test sets (titles seen in training).`}
        splits={TABLE_1}
        rows={rows}
        metric={metric}
        datasetId={datasetId}
        isAdmin={isAdmin}
      />
      <ResultsTable
        testId="table-2"
        caption="Table 2"
        description={`${METRIC_TEXT[metric]} on the distinct test set: titles never seen in training.`}
        splits={TABLE_2}
        rows={rows}
        metric={metric}
        datasetId={datasetId}
        isAdmin={isAdmin}
        actions={false}
      />
    </div>
  );
}

function ResultsTable({
  testId,
  caption,
  description,
  splits,
  rows,
  metric,
  datasetId,
  isAdmin,
  actions = true,
}: {
  testId: string;
  caption: string;
  description: string;
  splits: readonly MetricSplit[];
  rows: ResultsRow[];
  metric: ScoreMetric;
  datasetId: string;
  isAdmin: boolean;
  /** Publish buttons: Table 1 has them, Table 2 repeats only the badge. */
  actions?: boolean;
}) {
  const best = new Map(splits.map((split) => [split, bestRows(rows, split, metric)]));
  const empty = splits.every((split) => rows.every((row) => !row[split]));
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] table-fixed text-sm" data-testid={testId}>
        <caption className="px-5 pb-2 text-left">
          <span className="text-sm font-semibold text-slate-900">{caption}</span>
          <span className="ml-2 text-sm text-slate-500">{description}</span>
        </caption>
        {/* The same widths in both tables, so that backbone, kernel and C line up from one to the other. */}
        <colgroup>
          <col className="w-[22%]" />
          <col className="w-[30%]" />
          <col className="w-[6%]" />
          {splits.map((split) => (
            <col key={split} style={{ width: `${28 / splits.length}%` }} />
          ))}
          <col className="w-[14%]" />
        </colgroup>
        <thead>
          <tr className="border-y border-slate-100 bg-slate-50 text-left text-xs text-slate-500">
            <th scope="col" className="px-5 py-2 font-medium">
              Backbone
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Kernel
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              C
            </th>
            {splits.map((split) => (
              <th key={split} scope="col" className="px-3 py-2 text-right font-medium">
                {SPLIT_TEXT[split]}
              </th>
            ))}
            <th scope="col" className="px-5 py-2 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row, index) => {
            const first = index === 0 || rows[index - 1]?.backbone.id !== row.backbone.id;
            const span = first ? rows.slice(index).findIndex((other) => other.backbone.id !== row.backbone.id) : 0;
            const picked = row.run.selected;
            return (
              <tr
                key={row.run.id}
                className={picked ? "bg-indigo-50/70" : undefined}
                data-testid="results-row"
                data-run-id={row.run.id}
                data-kernel={row.kernel}
                data-backbone={row.backbone.name}
                data-selected={picked ? "true" : "false"}
                data-published={row.run.published ? "true" : "false"}
              >
                {first ? (
                  <th scope="rowgroup" rowSpan={span > 0 ? span : rows.length - index} className="bg-white px-5 py-2.5 text-left align-top font-medium text-slate-900">
                    {row.backbone.name}
                  </th>
                ) : null}
                <th scope="row" className="px-2 py-2.5 text-left font-medium whitespace-nowrap text-slate-800">
                  {kernelLabel(row.kernel)}
                  {picked ? (
                    <span className="ml-2 align-middle">
                      <Badge tone="indigo">Picked on validation</Badge>
                    </span>
                  ) : null}
                </th>
                <td className="px-2 py-2.5 text-right font-mono text-xs text-slate-600">{formatC(row.run.C)}</td>
                {splits.map((split) => (
                  <ScoreCell key={split} split={split} score={row[split]} metric={metric} best={best.get(split)?.has(index) ?? false} />
                ))}
                <td className="px-5 py-2.5 text-right whitespace-nowrap">
                  <span className="inline-flex items-center gap-2">
                    {row.run.published ? <Badge tone="green">Published</Badge> : isAdmin && row.run.hasModel && actions ? <PublishRunButton runId={row.run.id} name={`${row.backbone.name}, ${kernelLabel(row.kernel)}, C = ${formatC(row.run.C)}`} /> : null}
                    <Link prefetch={false} href={`/datasets/${datasetId}/models/runs/${row.run.id}`} className="text-xs font-semibold text-indigo-600 hover:text-indigo-500" aria-label={`Details of ${kernelLabel(row.kernel)}, C = ${formatC(row.run.C)}`}>
                      Details
                    </Link>
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {empty ? (
        <p className="px-5 pt-2 text-xs text-slate-500">
          {splits.includes("distinct") ? "No labelled frame of a distinct title has features: hold a title out on the splits page to fill this table." : "No labelled frames with features in these splits."}
        </p>
      ) : null}
    </div>
  );
}

function ScoreCell({ split, score, metric, best }: { split: MetricSplit; score: SplitScore | null; metric: ScoreMetric; best: boolean }) {
  if (!score) {
    return (
      <td className="px-3 py-2.5 text-right text-slate-400" data-split={split}>
        —
      </td>
    );
  }
  const value = score[metric];
  const other: ScoreMetric = metric === "accuracy" ? "balancedAccuracy" : "accuracy";
  const hover = `${SPLIT_TEXT[split]}: accuracy ${formatScore(score.accuracy)} (${correctCount(score)} of ${score.count} frames right), balanced accuracy ${formatScore(score.balancedAccuracy)}`;
  return (
    <td className="px-3 py-2.5 text-right tabular-nums" data-split={split} data-value={value} data-other={score[other]} data-count={score.count} data-best={best ? "true" : "false"} title={hover}>
      <span className={`inline-flex items-center justify-end gap-1 ${best ? "font-semibold text-emerald-700" : "text-slate-800"}`}>
        {best ? <BestMark /> : null}
        <span data-testid="score">{formatScore(value)}</span>
      </span>
    </td>
  );
}

function BestMark() {
  return (
    <svg viewBox="0 0 20 20" className="size-3 text-emerald-600" fill="currentColor" aria-label="best" role="img">
      <path d="M10 1.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L10 14.9l-5.2 2.7 1-5.8L1.5 7.7l5.9-.9L10 1.5z" />
    </svg>
  );
}
