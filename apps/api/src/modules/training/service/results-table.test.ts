import { describe, expect, it } from "vitest";
import type { Backbone } from "@kao/db";
import type { SplitMetrics } from "./contracts.ts";
import { buildResultsTable } from "./results-table.ts";
import type { RunView } from "./run-view.ts";

const backbone = (name: string): Pick<Backbone, "id" | "name"> => ({ id: `id-${name}`, name });
const metrics = (accuracy: number, balancedAccuracy = accuracy): SplitMetrics => ({
  count: 10,
  accuracy,
  balancedAccuracy,
  precision: accuracy,
  recall: accuracy,
  specificity: accuracy,
  f1: accuracy,
  confusion: { truePositives: 5, falsePositives: 0, trueNegatives: 5, falseNegatives: 0 },
});

let serial = 0;
function run(on: Pick<Backbone, "id" | "name">, variant: string, C: number, val: SplitMetrics | null, test = metrics(0.5)): RunView {
  const kernel = variant === "linear" ? "LINEAR" : variant === "rbf" ? "RBF" : "POLY";
  const degree = kernel === "POLY" ? Number(variant.split("-")[1]) : null;
  return {
    id: `run-${++serial}`,
    datasetId: "d",
    backboneId: on.id,
    splitVersionId: "v",
    jobId: "j",
    createdById: null,
    kernel,
    status: "SUCCEEDED",
    publishedAt: null,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    params: { variant, C, degree, gamma: null, coef0: null, standardise: false, classWeights: "balanced", supportCount: 3 },
    metrics: { TRAIN: metrics(1), VAL: val, TEST: test, DISTINCT: null },
    backbone: { ...on, modelPath: "", sha256: "", inputWidth: 1, inputHeight: 1, mean: [], std: [], scale: 1, channelOrder: "RGB", tapLayer: "t", pooling: "MAX", dims: 2, createdAt: new Date(0), updatedAt: new Date(0) },
    hasModel: true,
    selected: false,
  };
}

describe("buildResultsTable", () => {
  it("keeps each backbone × kernel's best run on VAL, never the best on TEST", () => {
    const google = backbone("googlenet");
    const chosen = run(google, "linear", 1, metrics(0.9), metrics(0.8));
    const luckyOnTest = run(google, "linear", 10, metrics(0.85), metrics(0.99));
    const table = buildResultsTable([luckyOnTest, chosen]);
    expect(table).toHaveLength(1);
    expect(table[0]).toMatchObject({ kernel: "linear", run: { id: chosen.id }, test: { accuracy: 0.8 }, distinct: null });
  });

  it("breaks VAL ties by accuracy, then by the smaller C", () => {
    const alex = backbone("alexnet");
    const balancedTie = [run(alex, "rbf", 1, metrics(0.8, 0.9)), run(alex, "rbf", 0.1, metrics(0.85, 0.9))];
    expect(buildResultsTable(balancedTie)[0]?.run.params?.C).toBe(0.1);
    const fullTie = [run(alex, "rbf", 100, metrics(0.9)), run(alex, "rbf", 10, metrics(0.9))];
    expect(buildResultsTable(fullTie)[0]?.run.params?.C).toBe(10);
  });

  it("orders rows by backbone, then linear, polynomials by degree, RBF; runs without VAL are left out", () => {
    const [a, b] = [backbone("a-net"), backbone("b-net")];
    const table = buildResultsTable([
      run(b, "linear", 1, metrics(0.7)),
      run(a, "rbf", 1, metrics(0.7)),
      run(a, "poly-10", 1, metrics(0.7)),
      run(a, "poly-2", 1, metrics(0.7)),
      run(a, "linear", 1, metrics(0.7)),
      run(a, "poly-3", 1, null),
    ]);
    expect(table.map((row) => `${row.backbone.name}/${row.kernel}`)).toEqual(["a-net/linear", "a-net/poly-2", "a-net/poly-10", "a-net/rbf", "b-net/linear"]);
  });
});
