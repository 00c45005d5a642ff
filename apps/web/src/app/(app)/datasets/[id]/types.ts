import type { GuidelineExampleView } from "@/components/labelling/examples";
import type { ImportJobSummary } from "@/lib/import-jobs";
import type { PersonRef } from "@/lib/labelling/labels";
import type { Role } from "@/lib/roles";

export interface DatasetMemberRow {
  id: string;
  addedAt: string;
  user: { id: string; email: string; name: string | null; role: Role; active: boolean };
}

export interface DatasetDetail {
  id: string;
  name: string;
  description: string;
  guidelines: string;
  overlap: number;
  frameCount: number;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
  ruleNames: string[];
  examples: GuidelineExampleView[];
  progress: DatasetProgressDetail;
  members: { edges: { node: DatasetMemberRow }[]; pageInfo: { hasNextPage: boolean } };
  imports: { edges: { node: ImportJobSummary }[]; pageInfo: { hasNextPage: boolean } };
}

export interface DatasetProgressDetail {
  frames: number;
  open: number;
  inReview: number;
  done: number;
  labelled: number;
  myDecisions: number;
  byTitle: { title: { id: string; name: string }; frames: number; open: number; inReview: number; done: number; labelled: number }[];
  byLabeller: { user: PersonRef; decisions: number; decisionsPerHour: number | null; lastDecisionAt: string | null }[];
}

export const DATASET_PROGRESS_FIELDS = `
  frames open inReview done labelled myDecisions
  byTitle { title { id name } frames open inReview done labelled }
  byLabeller { user { id name email } decisions decisionsPerHour lastDecisionAt }
`;
