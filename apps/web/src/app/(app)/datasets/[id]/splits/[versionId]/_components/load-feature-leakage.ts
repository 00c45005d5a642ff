import "server-only";
import { isErrorCode } from "@/lib/graphql-errors";
import { graphql } from "@/server/graphql";
import { FEATURE_LEAKAGE_FIELDS, chooseBackbone, parseSimilarity, type BackboneChoice, type FeatureLeakageData } from "./feature-leakage-data";

/** Nearest pairs shown, as for the dHash report. */
const SAMPLE = 24;

const BACKBONES = /* GraphQL */ `
  query FeatureLeakageBackbones($datasetId: ID!) {
    backbones { id name dims featureCoverage(datasetId: $datasetId) { vectors frames } }
  }
`;

const REPORT = /* GraphQL */ `
  query FeatureLeakage($id: ID!, $backboneId: ID!, $threshold: Float!, $sample: Int!) {
    featureLeakageReport(splitVersionId: $id, backboneId: $backboneId, threshold: $threshold, sample: $sample) { ${FEATURE_LEAKAGE_FIELDS} }
  }
`;

export type FeatureLeakageState =
  /** No backbone has vectors for this dataset yet. */
  | { kind: "no-features"; backbones: BackboneChoice[] }
  | { kind: "report"; backbones: BackboneChoice[]; backboneId: string; threshold: number; report: FeatureLeakageData }
  /** The API refused (a backbone without vectors for this version, vectors of the wrong length): its message. */
  | { kind: "refused"; backbones: BackboneChoice[]; backboneId: string; threshold: number; message: string };

/**
 * The feature report for the page's `?backbone=` and `?similarity=` (or the best-covered backbone and
 * the default threshold). The API's explanations of what is missing are shown in the card rather than
 * failing the whole page, which still has its dHash report.
 */
export async function loadFeatureLeakage(options: {
  datasetId: string;
  versionId: string;
  backbone: string | string[] | undefined;
  similarity: string | string[] | undefined;
}): Promise<FeatureLeakageState> {
  let backbones: BackboneChoice[] = [];
  let chosen: BackboneChoice | null = null;
  const threshold = parseSimilarity(options.similarity);
  try {
    backbones = (await graphql<{ backbones: BackboneChoice[] }>(BACKBONES, { datasetId: options.datasetId })).backbones;
    chosen = chooseBackbone(backbones, options.backbone);
    if (!chosen) return { kind: "no-features", backbones };
    const data = await graphql<{ featureLeakageReport: FeatureLeakageData }>(REPORT, { id: options.versionId, backboneId: chosen.id, threshold, sample: SAMPLE });
    return { kind: "report", backbones, backboneId: chosen.id, threshold, report: data.featureLeakageReport };
  } catch (error) {
    // NOT_FOUND too: the page's own query turns a wrong version or dataset into its not-found page, and a
    // backbone deleted meanwhile is worth a sentence, not an error page.
    if (isErrorCode(error, "BAD_USER_INPUT", "NOT_FOUND")) return { kind: "refused", backbones, backboneId: chosen?.id ?? "", threshold, message: error.message };
    throw error;
  }
}
