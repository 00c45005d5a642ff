export interface AuditEntryRow {
  id: string;
  source: "ACTION" | "LABEL";
  action: string;
  actor: { id: string; email: string } | null;
  datasetId: string | null;
  datasetName: string | null;
  targetType: string;
  targetId: string | null;
  /** A JSON object. */
  details: string;
  createdAt: string;
}
