import type { Label, Prisma } from "@kao/db";
import { NOW_UTC } from "./sql.ts";

/**
 * Creates or changes one user's annotations and appends a revision for each, in two statements
 * (a page of 200 decisions is not 400 round trips). Rules travel as JSON because each decision has
 * its own number of them, which arrays of arrays cannot carry.
 */
export async function writeAnnotations(
  tx: Prisma.TransactionClient,
  userId: string,
  decisions: readonly { frameId: string; label: Label; rules: string[]; durationMs: number | null }[],
): Promise<void> {
  if (decisions.length === 0) return;
  const rows = JSON.stringify(decisions.map(({ frameId, label, rules, durationMs }) => ({ frameId, label, rules, durationMs })));
  await tx.$executeRaw`
    INSERT INTO "Annotation" ("frameId", "userId", label, rules, "durationMs", "createdAt", "updatedAt")
    SELECT d."frameId", ${userId}::uuid, d.label, d.rules, d."durationMs", ${NOW_UTC}, ${NOW_UTC}
    FROM jsonb_to_recordset(${rows}::jsonb) AS d("frameId" uuid, label "Label", rules text[], "durationMs" int)
    ON CONFLICT ("frameId", "userId") DO UPDATE
      SET label = EXCLUDED.label, rules = EXCLUDED.rules, "durationMs" = EXCLUDED."durationMs", "updatedAt" = EXCLUDED."updatedAt"`;
  await tx.$executeRaw`
    INSERT INTO "AnnotationRevision" ("annotationId", "frameId", "authorId", label, rules, "durationMs", "createdAt", "updatedAt")
    SELECT a.id, a."frameId", a."userId", a.label, a.rules, a."durationMs", ${NOW_UTC}, ${NOW_UTC}
    FROM "Annotation" a
    WHERE a."userId" = ${userId}::uuid AND a."frameId" = ANY(${decisions.map((decision) => decision.frameId)}::uuid[])`;
}
