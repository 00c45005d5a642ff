import { builder } from "../../../graphql/builder.ts";
import type { RunMetrics, SplitMetrics } from "../service/contracts.ts";

const ConfusionRef = builder.objectRef<SplitMetrics["confusion"]>("ConfusionMatrix").implement({
  description: "Counts with FACE as the positive class.",
  fields: (t) => ({
    truePositives: t.exposeInt("truePositives"),
    falsePositives: t.exposeInt("falsePositives"),
    trueNegatives: t.exposeInt("trueNegatives"),
    falseNegatives: t.exposeInt("falseNegatives"),
  }),
});

export const SplitMetricsRef = builder.objectRef<SplitMetrics>("SplitMetrics").implement({
  description: "How a model did on the labelled frames of one split.",
  fields: (t) => ({
    count: t.exposeInt("count", { description: "Frames scored." }),
    accuracy: t.exposeFloat("accuracy"),
    balancedAccuracy: t.exposeFloat("balancedAccuracy", { description: "Mean of FACE recall and no-face recall; what model selection maximises." }),
    precision: t.exposeFloat("precision", { description: "Of the frames called FACE, the share that are." }),
    recall: t.exposeFloat("recall", { description: "Of the FACE frames, the share found." }),
    specificity: t.exposeFloat("specificity", { description: "Of the no-face frames, the share called no face." }),
    f1: t.exposeFloat("f1"),
    confusion: t.expose("confusion", { type: ConfusionRef }),
  }),
});

export const RunMetricsRef = builder.objectRef<RunMetrics>("RunMetrics").implement({
  description: "A run's metrics per split; null where the split had no labelled frames with vectors.",
  fields: (t) => ({
    train: t.field({ type: SplitMetricsRef, nullable: true, description: "Frames it was fitted on.", resolve: (m) => m.TRAIN }),
    val: t.field({ type: SplitMetricsRef, nullable: true, description: "Frames the grid selected on.", resolve: (m) => m.VAL }),
    test: t.field({ type: SplitMetricsRef, nullable: true, description: "Held out, same titles as training (the paper's derivative test set).", resolve: (m) => m.TEST }),
    distinct: t.field({ type: SplitMetricsRef, nullable: true, description: "Held out, titles never trained on (the paper's distinct test set).", resolve: (m) => m.DISTINCT }),
  }),
});
