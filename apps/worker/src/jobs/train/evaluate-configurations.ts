import {
  computeCrossGram,
  computeMetrics,
  decisionValues,
  labelsFromDecisions,
  standardiseRows,
  type ClassificationMetrics,
  type Gram,
  type GridModels,
  type Kernel,
  type SvmModel,
} from "@kao/ml";
import { EVALUATED_SPLITS, type EvaluatedSplit, type LabelledSet } from "./load-labelled-set.ts";

export interface Configuration {
  kernel: Kernel;
  C: number;
}

export interface EvaluatedConfiguration extends Configuration {
  /** Per split; null where the split has no labelled frames with vectors. */
  metrics: Record<EvaluatedSplit, ClassificationMetrics | null>;
  supportCount: number;
  /** Only for the configurations `keepModel` asked for: a model holds its support vectors, megabytes each. */
  model: SvmModel | null;
}

/**
 * Scores each grid configuration on all four splits with the grid's own fits (runGrid's
 * `keepModels`), so nothing is fitted twice. Decisions on TRAIN come from the grid's Gram matrix and
 * those on VAL, TEST and DISTINCT from cross Gram matrices against the training rows, each computed
 * once for the whole grid; only the models to keep copy out their support vectors.
 */
export async function evaluateConfigurations(options: {
  set: LabelledSet;
  models: GridModels;
  configurations: readonly Configuration[];
  keepModel: (index: number) => boolean;
  /** Called after each configuration; may throw to stop (a cancelled job). */
  onEvaluated: (done: number) => Promise<void>;
}): Promise<EvaluatedConfiguration[]> {
  const { set, models } = options;
  const { trainRows, standardiser, gram } = models;
  const dimensions = gram.dimensions;
  // The rows of other splits in the space the grid trained in.
  const rowsOf = (split: EvaluatedSplit) => (standardiser ? standardiseRows({ features: set[split].features, dimensions, standardiser }) : set[split].features);
  const crossGrams: Record<EvaluatedSplit, Gram> = {
    TRAIN: gram,
    VAL: await computeCrossGram({ left: rowsOf("VAL"), right: trainRows, dimensions }),
    TEST: await computeCrossGram({ left: rowsOf("TEST"), right: trainRows, dimensions }),
    DISTINCT: await computeCrossGram({ left: rowsOf("DISTINCT"), right: trainRows, dimensions }),
  };

  const evaluated: EvaluatedConfiguration[] = [];
  for (const [index, configuration] of options.configurations.entries()) {
    const fit = models.fits[index];
    if (fit === undefined) throw new Error(`the grid returned no fit for configuration ${index}`);
    const metrics: Record<EvaluatedSplit, ClassificationMetrics | null> = { TRAIN: null, VAL: null, TEST: null, DISTINCT: null };
    for (const split of EVALUATED_SPLITS) {
      if (set[split].labels.length === 0) continue;
      const decisions = decisionValues({ model: fit, crossGram: crossGrams[split] });
      metrics[split] = computeMetrics({ labels: set[split].labels, predicted: labelsFromDecisions(decisions) });
    }
    evaluated.push({
      kernel: configuration.kernel,
      C: configuration.C,
      metrics,
      supportCount: fit.coefficients.length,
      // The stored model carries the standardiser: it standardises new rows itself.
      model: options.keepModel(index) ? models.model(index) : null,
    });
    await options.onEvaluated(index + 1);
  }
  return evaluated;
}
