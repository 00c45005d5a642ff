import { LABEL_FRAME_FIELDS, type Label, type LabelFrame, type LabelStatus, type PersonRef } from "@/lib/labelling/labels";

/** A frame waiting for adjudication, with everyone's labels (see `reviewQueue` in the API schema). */
export interface ReviewFrame extends LabelFrame {
  labelStatus: LabelStatus;
  annotations: { id: string; user: PersonRef; label: Label; rules: string[]; durationMs: number | null; updatedAt: string }[];
}

const PERSON = "id name email";

export const REVIEW_FRAME_FIELDS = `
  ${LABEL_FRAME_FIELDS}
  labelStatus
  annotations { id label rules durationMs updatedAt user { ${PERSON} } }
`;

export const REVIEW_QUEUE = /* GraphQL */ `
  query ReviewQueue($id: ID!, $first: Int!) {
    reviewQueue(datasetId: $id, first: $first) {
      edges { node { ${REVIEW_FRAME_FIELDS} } }
    }
  }
`;

export interface ReviewQueueData {
  reviewQueue: { edges: { node: ReviewFrame }[] };
}

export interface HistoryEntry {
  at: string;
  actor: PersonRef | null;
  kind: string;
  label: Label | null;
  rules: string[];
  note: string | null;
}

export const FRAME_HISTORY = /* GraphQL */ `
  query FrameHistory($frameId: ID!) {
    frameHistory(frameId: $frameId) { at kind label rules note actor { ${PERSON} } }
  }
`;

export const ADJUDICATE = /* GraphQL */ `
  mutation Adjudicate($frameId: ID!, $label: Label!, $note: String) {
    adjudicate(frameId: $frameId, label: $label, note: $note) { frame { id labelStatus } }
  }
`;

/** Frames per request, and the queue length that triggers the next request. */
export const REVIEW_BATCH = 20;
