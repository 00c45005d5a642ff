import type { Label } from "@kao/db";
import { z } from "zod";
import { requireViewer } from "../../../access.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getFrame } from "../../frames/service/get-frame.ts";
import { REVIEW_ROLES } from "./require-labeller.ts";

export interface FrameHistoryEntry {
  at: Date;
  actorId: string | null;
  kind: "LABEL" | "UNDO" | "ADJUDICATE";
  label: Label | null;
  rules: string[];
  note: string | null;
}

const adjudicationData = z.object({ label: z.enum(["FACE", "NO_FACE", "UNSURE"]), note: z.string().nullish() });

/**
 * Annotation revisions and adjudications of a frame, oldest first. Reviewers and admins see everyone's;
 * others see only their own revisions (other people's labels are not theirs to read).
 */
export async function frameHistory(ctx: ServiceContext, frameId: string): Promise<FrameHistoryEntry[]> {
  const viewer = requireViewer(ctx);
  const frame = await getFrame(ctx, frameId);
  const everyone = REVIEW_ROLES.includes(viewer.role);
  const revisions = await ctx.db.annotationRevision.findMany({
    where: { frameId: frame.id, ...(everyone ? {} : { authorId: viewer.id ?? "" }) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const adjudications = everyone
    ? await ctx.db.auditLog.findMany({
        where: { datasetId: frame.datasetId, action: "label.adjudicate", targetType: "Frame", targetId: frame.id },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      })
    : [];
  const entries: FrameHistoryEntry[] = [
    ...revisions.map((revision) => ({
      at: revision.createdAt,
      actorId: revision.authorId,
      kind: revision.label ? ("LABEL" as const) : ("UNDO" as const),
      label: revision.label,
      rules: revision.rules,
      note: null,
    })),
    ...adjudications.flatMap((entry) => {
      const data = adjudicationData.safeParse(entry.data);
      if (!data.success) return []; // written by adjudicate(); another shape would not be an adjudication
      return [{ at: entry.createdAt, actorId: entry.actorId, kind: "ADJUDICATE" as const, label: data.data.label, rules: [], note: data.data.note ?? null }];
    }),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
