/** The labelling screens' requests from the browser (see the labelling contract in the API schema). */
import { requestGraphQL } from "../graphql-client";
import type { SendResult } from "./decision-outbox";
import { NEXT_FRAMES, type Label, type LabelFrame, type LabelTask } from "./labels";
import type { OutboxOp } from "./outbox-state";

const SUBMIT_LABELS = /* GraphQL */ `
  mutation SubmitLabels($datasetId: ID!, $decisions: [LabelDecisionInput!]!) {
    submitLabels(datasetId: $datasetId, decisions: $decisions) {
      accepted { frameId label rules }
      rejected { frameId code message }
    }
  }
`;

const UNDO_LABEL = /* GraphQL */ `
  mutation UndoLabel($frameId: ID!) {
    undoLabel(frameId: $frameId) { frame { id labelStatus } }
  }
`;

interface SubmitLabelsData {
  submitLabels: { accepted: { frameId: string; label: Label; rules: string[] }[]; rejected: { frameId: string; code: string; message: string }[] };
}

/** The outbox's `send`: an undo goes as `undoLabel`, a run of labels as one `submitLabels`. */
export async function sendDecisions(datasetId: string, batch: OutboxOp[]): Promise<SendResult> {
  const [head] = batch;
  if (!head) return { accepted: [], rejected: [] };
  if (head.kind === "undo") {
    await requestGraphQL<unknown>(UNDO_LABEL, { frameId: head.frameId });
    return { accepted: [], rejected: [] };
  }
  const decisions = batch.flatMap((op) => (op.kind === "label" ? [{ frameId: op.frameId, label: op.label, rules: op.rules, durationMs: op.durationMs }] : []));
  const { submitLabels } = await requestGraphQL<SubmitLabelsData>(SUBMIT_LABELS, { datasetId, decisions });
  return { accepted: submitLabels.accepted, rejected: submitLabels.rejected };
}

/** Leases the next frames to the viewer (their own unexpired leases come first). */
export async function fetchNextFrames(datasetId: string, count: number, wholeScenes: boolean): Promise<LabelFrame[]> {
  const data = await requestGraphQL<{ nextFrames: LabelTask[] }>(NEXT_FRAMES, { datasetId, count: Math.max(1, Math.min(100, count)), wholeScenes });
  return data.nextFrames.map((task) => task.frame);
}

export interface ProgressSummary {
  frames: number;
  open: number;
  inReview: number;
  done: number;
  labelled: number;
  myDecisions: number;
}

export const PROGRESS_SUMMARY_FIELDS = "frames open inReview done labelled myDecisions";

const PROGRESS = /* GraphQL */ `
  query LabelProgress($id: ID!) {
    dataset(id: $id) { id progress { ${PROGRESS_SUMMARY_FIELDS} } }
  }
`;

export async function fetchProgress(datasetId: string): Promise<ProgressSummary> {
  const data = await requestGraphQL<{ dataset: { progress: ProgressSummary } }>(PROGRESS, { id: datasetId });
  return data.dataset.progress;
}

/** sessionStorage key of a viewer's unsent decisions for a dataset (another user in this tab has their own). */
export const outboxStorageKey = (viewerId: string, datasetId: string) => `kao:outbox:${viewerId}:${datasetId}`;
