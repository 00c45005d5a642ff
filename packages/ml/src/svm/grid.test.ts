import { describe, expect, it } from "vitest";
import { decisionValues, labelsFromDecisions, predictSvm } from "./decision.ts";
import { computeCrossGram } from "./gram.ts";
import { standardiseRows } from "./standardise.ts";
import { runGrid, type GridProgress } from "./grid.ts";
import { selectBestConfiguration } from "./grid-select.ts";
import { computeMetrics, type ClassificationMetrics } from "./metrics.ts";
import { splitRows, xorQuadrants } from "./test-data.ts";
import type { Kernel, KernelSpec } from "./types.ts";

// On XOR only RBF can win: a line cannot separate the quadrants, and an odd homogeneous polynomial
// (degree 3, coef0 0) gives x and −x opposite signs although they share a label.
const [train, val] = splitRows(xorQuadrants({ rows: 500, seed: 21 }), 400);
const kernels: KernelSpec[] = [{ type: "linear" }, { type: "poly", degree: 3 }, { type: "rbf", gamma: 2 }];
const Cs = [0.1, 1, 10];

// Worker threads start tsx and LIBSVM each: generous timeouts for a busy 2-core machine.
describe("runGrid", () => {
  it("scores every configuration on the validation split and picks RBF on XOR, in worker threads", async () => {
    const progress: GridProgress[] = [];
    const grid = await runGrid({ train, val, dimensions: 2, kernels, Cs, workers: 2, onProgress: (step) => progress.push(step) });
    expect(grid.results.map((result) => [result.kernel.type, result.C])).toEqual(kernels.flatMap((kernel) => Cs.map((C) => [kernel.type, C])));
    expect(progress.map((step) => step.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(progress.every((step) => step.total === 9)).toBe(true);

    expect(grid.best.kernel.type).toBe("rbf");
    expect(grid.best.metrics.balancedAccuracy).toBe(Math.max(...grid.results.map((result) => result.metrics.balancedAccuracy)));
    expect(grid.best.metrics.accuracy).toBeGreaterThan(0.95);
    for (const result of grid.results.filter((result) => result.kernel.type !== "rbf")) expect(result.metrics.accuracy).toBeLessThan(0.75);

    // The returned model is the best configuration's, and classifies the validation rows as the grid scored them.
    expect(grid.model.kernel).toEqual(grid.best.kernel);
    expect(grid.model.C).toBe(grid.best.C);
    const { predicted } = await predictSvm({ model: grid.model, features: val.features });
    expect(computeMetrics({ labels: val.labels, predicted })).toEqual(grid.best.metrics);
  }, 60_000);

  it("gives the same results in the calling thread as in worker threads", async () => {
    const options = { train, val, dimensions: 2, kernels, Cs, standardise: true } as const;
    const [threaded, inline] = await Promise.all([runGrid({ ...options, workers: 2 }), runGrid({ ...options, workers: 1 })]);
    const summary = (results: typeof threaded.results) => results.map(({ kernel, C, metrics, supportCount }) => ({ kernel, C, metrics, supportCount }));
    expect(summary(threaded.results)).toEqual(summary(inline.results));
    expect(threaded.model).toEqual(inline.model);
  }, 60_000);

  it("returns every configuration's fitted model with keepModels, each scoring the validation rows as the grid did", async () => {
    const plain = await runGrid({ train, val, dimensions: 2, kernels, Cs, workers: 1 });
    expect(plain.models).toBeUndefined();

    const grid = await runGrid({ train, val, dimensions: 2, kernels, Cs, workers: 2, standardise: true, keepModels: true });
    expect(grid.models.fits).toHaveLength(grid.results.length);
    const { standardiser } = grid.models;
    if (!standardiser) throw new Error("the grid was asked to standardise");
    const valRows = await computeCrossGram({ left: standardiseRows({ features: val.features, dimensions: 2, standardiser }), right: grid.models.trainRows, dimensions: 2 });
    for (const [index, result] of grid.results.entries()) {
      const fit = grid.models.fits[index];
      expect(fit?.kernel).toEqual(result.kernel);
      expect(fit?.C).toBe(result.C);
      expect(fit?.coefficients.length).toBe(result.supportCount);
      // The light fit (decisions from a cross Gram matrix) and the stored model (its own support vectors) agree with the grid's score.
      if (!fit) throw new Error(`no fit for configuration ${index}`);
      const fromFit = labelsFromDecisions(decisionValues({ model: fit, crossGram: valRows }));
      expect(computeMetrics({ labels: val.labels, predicted: fromFit })).toEqual(result.metrics);
      const { predicted } = await predictSvm({ model: grid.models.model(index), features: val.features });
      expect(computeMetrics({ labels: val.labels, predicted })).toEqual(result.metrics);
    }
    expect(grid.models.model(grid.results.indexOf(grid.best))).toEqual(grid.model);
    // Training rows' decisions come from the grid's own Gram matrix.
    expect(grid.models.gram.rows).toBe(train.labels.length);
  }, 60_000);

  it("stops between configurations when its signal is aborted, in the calling thread and in worker threads", async () => {
    for (const workers of [1, 2]) {
      const controller = new AbortController();
      const seen: number[] = [];
      const grid = runGrid({
        train,
        val,
        dimensions: 2,
        kernels,
        Cs,
        workers,
        signal: controller.signal,
        onProgress: ({ done }) => {
          seen.push(done);
          controller.abort(new Error("cancelled by the test"));
        },
      });
      await expect(grid).rejects.toThrow("cancelled by the test");
      expect(seen.length).toBeGreaterThanOrEqual(1);
      expect(seen.length).toBeLessThan(9);
    }
  }, 60_000);

  it("rejects a grid without configurations or a validation split", async () => {
    await expect(runGrid({ train, val, dimensions: 2, kernels: [], Cs })).rejects.toThrow(/at least one kernel and one C/);
    await expect(runGrid({ train, val: { features: new Float32Array(0), labels: new Uint8Array(0) }, dimensions: 2, kernels, Cs })).rejects.toThrow(/validation split is empty/);
  });
});

describe("selectBestConfiguration", () => {
  const perfect: ClassificationMetrics = computeMetrics({ labels: Uint8Array.from([1, 0]), predicted: Uint8Array.from([1, 0]) });
  const entry = (kernel: Kernel, C: number, balancedAccuracy: number, accuracy: number) => ({ kernel, C, metrics: { ...perfect, balancedAccuracy, accuracy } });
  const linear: Kernel = { type: "linear" };
  const rbf: Kernel = { type: "rbf", gamma: 1 };
  const poly = (degree: number): Kernel => ({ type: "poly", degree, gamma: 1, coef0: 0 });

  it("prefers balanced accuracy, then accuracy, then the simpler kernel, then the smaller C", () => {
    expect(selectBestConfiguration([entry(linear, 1, 0.8, 0.9), entry(rbf, 1, 0.85, 0.8)]).kernel).toEqual(rbf);
    expect(selectBestConfiguration([entry(rbf, 1, 0.8, 0.85), entry(linear, 1, 0.8, 0.9)]).kernel).toEqual(linear);
    expect(selectBestConfiguration([entry(rbf, 1, 0.8, 0.9), entry(poly(20), 1, 0.8, 0.9), entry(poly(3), 1, 0.8, 0.9)]).kernel).toEqual(poly(3));
    expect(selectBestConfiguration([entry(poly(2), 1, 0.8, 0.9), entry(linear, 10, 0.8, 0.9)]).kernel).toEqual(linear);
    expect(selectBestConfiguration([entry(linear, 10, 0.8, 0.9), entry(linear, 0.1, 0.8, 0.9)]).C).toBe(0.1);
  });
});
