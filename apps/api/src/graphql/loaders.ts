import DataLoader from "dataloader";
import type { Annotation, Consensus, Db } from "@kao/db";

/**
 * Per-request batch loaders, so a page of 50 datasets costs one count query per field, not 50.
 * Created for every request and never shared, so one user's cache never serves another.
 */
export function createLoaders(db: Db) {
  return {
    frameCountByDataset: new DataLoader<string, number>(async (ids) => {
      const rows = await db.frame.groupBy({ by: ["datasetId"], where: { datasetId: { in: [...ids] } }, _count: { _all: true } });
      const counts = new Map(rows.map((row) => [row.datasetId, row._count._all]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    memberCountByDataset: new DataLoader<string, number>(async (ids) => {
      const rows = await db.datasetMember.groupBy({ by: ["datasetId"], where: { datasetId: { in: [...ids] } }, _count: { _all: true } });
      const counts = new Map(rows.map((row) => [row.datasetId, row._count._all]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    titleById: byId((ids) => db.title.findMany({ where: { id: { in: ids } } })),
    videoById: byId((ids) => db.video.findMany({ where: { id: { in: ids } } })),
    userById: byId((ids) => db.user.findMany({ where: { id: { in: ids } } })),
    // Labelling: a page of frames costs one query for their annotations and one for their consensus.
    annotationsByFrame: new DataLoader<string, Annotation[]>(async (ids) => {
      const rows = await db.annotation.findMany({ where: { frameId: { in: [...ids] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      const byFrame = new Map<string, Annotation[]>(ids.map((id) => [id, []]));
      for (const row of rows) byFrame.get(row.frameId)?.push(row);
      return ids.map((id) => byFrame.get(id) ?? []);
    }),
    consensusByFrame: new DataLoader<string, Consensus | null>(async (ids) => {
      const rows = new Map((await db.consensus.findMany({ where: { frameId: { in: [...ids] } } })).map((row) => [row.frameId, row]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
  };
}

function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T>(async (ids) => {
    const rows = new Map((await load([...ids])).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? new Error(`row ${id} not found`));
  });
}

export type Loaders = ReturnType<typeof createLoaders>;
