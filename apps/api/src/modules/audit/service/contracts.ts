import { z } from "zod";

/** Filters of `auditLog`; every one optional. */
export const auditFilterSchema = z
  .object({
    datasetId: z.string().uuid("`datasetId` is not a valid id.").nullish(),
    actorId: z.string().uuid("`actorId` is not a valid id.").nullish(),
    action: z.string().trim().min(1).max(100).nullish(),
    from: z.date().nullish(),
    to: z.date().nullish(),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from < filter.to, { message: "`from` must be before `to`.", path: ["from"] });

export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** One line of the audit log: an AuditLog row, or a label change from AnnotationRevision. */
export interface AuditEntry {
  id: string;
  source: "ACTION" | "LABEL";
  actorId: string | null;
  datasetId: string | null;
  datasetName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  data: unknown;
  createdAt: Date;
}
