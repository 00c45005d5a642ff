import {
  computeCrossGram,
  computeGram,
  computeMetrics,
  decisionValues,
  fitStandardiser,
  labelsFromDecisions,
  standardiseRows,
  trainSvm,
  type ClassificationMetrics,
  type Gram,
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
 * Scores each grid configuration on all four splits. runGrid returns validation metrics and only the
 * winner's model, so each configuration is fitted again here on one shared Gram matrix (LIBSVM is
 * deterministic: the same kernel matrix and parameters give the same model) and its decisions on
 * TRAIN, VAL, TEST and DISTINCT come from cross Gram matrices against the training rows, computed once.
 */
export async function evaluateConfigurations(options: {
  set: LabelledSet;
  dimensions: number;
  configurations: readonly Configuration[];
  keepModel: (index: number) => boolean;
  classWeights: "balanced" | "none";
  standardise: boolean;
  /** Called after each configuration; may throw to stop (a cancelled job). */
  onEvaluated: (done: number) => Promise<void>;
}): Promise<EvaluatedConfiguration[]> {
  const { set, dimensions } = options;
  const standardiser = options.standardise ? fitStandardiser({ features: set.TRAIN.features, dimensions }) : null;
  const rowsOf = (split: EvaluatedSplit) => (standardiser ? standardiseRows({ features: set[split].features, dimensions, standardiser }) : set[split].features);
  const trainRows = rowsOf("TRAIN");
  const gram = await computeGram({ features: trainRows, dimensions });
  const crossGrams: Record<EvaluatedSplit, Gram> = {
    TRAIN: gram,
    VAL: await computeCrossGram({ left: rowsOf("VAL"), right: trainRows, dimensions }),
    TEST: await computeCrossGram({ left: rowsOf("TEST"), right: trainRows, dimensions }),
    DISTINCT: await computeCrossGram({ left: rowsOf("DISTINCT"), right: trainRows, dimensions }),
  };

  const evaluated: EvaluatedConfiguration[] = [];
  for (const [index, configuration] of options.configurations.entries()) {
    // The kernel is already resolved (gamma fixed by the grid); a resolved kernel is a valid spec.
    const fitted = await trainSvm({
      features: trainRows,
      dimensions,
      labels: set.TRAIN.labels,
      kernel: configuration.kernel,
      C: configuration.C,
      classWeights: options.classWeights,
      gram,
    });
    const metrics: Record<EvaluatedSplit, ClassificationMetrics | null> = { TRAIN: null, VAL: null, TEST: null, DISTINCT: null };
    for (const split of EVALUATED_SPLITS) {
      if (set[split].labels.length === 0) continue;
      const decisions = decisionValues({ model: fitted, crossGram: crossGrams[split] });
      metrics[split] = computeMetrics({ labels: set[split].labels, predicted: labelsFromDecisions(decisions) });
    }
    evaluated.push({
      ...configuration,
      metrics,
      supportCount: fitted.coefficients.length,
      // trainSvm saw standardised rows as given; the stored model must standardise new rows itself.
      model: options.keepModel(index) ? { ...fitted, standardiser } : null,
    });
    await options.onEvaluated(index + 1);
  }
  return evaluated;
}
