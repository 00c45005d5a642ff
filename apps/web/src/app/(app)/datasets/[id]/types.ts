import type { ImportJobSummary } from "@/lib/import-jobs";
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
  members: { edges: { node: DatasetMemberRow }[]; pageInfo: { hasNextPage: boolean } };
  imports: { edges: { node: ImportJobSummary }[]; pageInfo: { hasNextPage: boolean } };
}
