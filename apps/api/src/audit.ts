import type { Prisma } from "@kao/db";
import type { ServiceContext } from "./service-context.ts";

type Tx = Pick<ServiceContext["db"], "auditLog">;

export async function recordAudit(
  db: Tx,
  ctx: ServiceContext,
  entry: { action: string; targetType: string; targetId?: string; datasetId?: string; data?: Prisma.InputJsonValue },
) {
  await db.auditLog.create({
    data: {
      actorId: ctx.viewer?.id ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      datasetId: entry.datasetId ?? null,
      data: { ip: ctx.ip, ...(typeof entry.data === "object" && entry.data !== null && !Array.isArray(entry.data) ? entry.data : {}) },
    },
  });
}
