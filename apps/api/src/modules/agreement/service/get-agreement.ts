import type { Title, User } from "@kao/db";
import { requireViewer } from "../../../access.ts";
import { notFound } from "../../../errors.ts";
import { assertId } from "../../../ids.ts";
import type { ServiceContext } from "../../../service-context.ts";
import { getDataset } from "../../datasets/service/get-dataset.ts";
import { computeAgreement, type AgreementFigures, type LabellerFigures, type PairFigures } from "./compute-agreement.ts";
import { loadAgreementCounts } from "./load-agreement-counts.ts";

export interface Agreement extends AgreementFigures {
  pairs: (Omit<PairFigures, "aId" | "bId"> & { a: User; b: User })[];
  byTitle: (AgreementFigures & { title: Title })[];
  byLabeller: (Omit<LabellerFigures, "userId"> & { user: User })[];
}

/**
 * Agreement between a dataset's labellers, optionally for one title. Any member (admins: any dataset)
 * may read the overall and per-title figures; who agrees with whom (pairs, per labeller) is for
 * reviewers and admins only, and comes back empty for others. A dataset the viewer cannot see is "not found".
 */
export async function getAgreement(ctx: ServiceContext, datasetId: string, titleId?: string | null): Promise<Agreement> {
  const viewer = requireViewer(ctx);
  assertId(datasetId, "datasetId");
  if (titleId) assertId(titleId, "titleId");
  await getDataset(ctx, datasetId);
  if (titleId && !(await ctx.db.title.findFirst({ where: { id: titleId, datasetId }, select: { id: true } }))) throw notFound("Title");

  const perLabeller = viewer.role === "ADMIN" || viewer.role === "REVIEWER";
  const summary = computeAgreement(await loadAgreementCounts(ctx.db, { datasetId, titleId: titleId ?? null, perLabeller }));

  const userIds = [...new Set(summary.byLabeller.map((labeller) => labeller.userId))];
  const [users, titles] = await Promise.all([
    userIds.length ? ctx.db.user.findMany({ where: { id: { in: userIds } } }) : [],
    ctx.db.title.findMany({ where: { id: { in: summary.byTitle.map((title) => title.titleId) } } }),
  ]);
  // A user or title deleted between the two queries takes its rows with it (cascade), so skip it too.
  const userById = new Map(users.map((user) => [user.id, user]));
  const titleById = new Map(titles.map((title) => [title.id, title]));
  const byEmail = (x: User, y: User) => x.email.localeCompare(y.email);

  return {
    frames: summary.frames,
    percentAgreement: summary.percentAgreement,
    fleissKappa: summary.fleissKappa,
    krippendorffAlpha: summary.krippendorffAlpha,
    byTitle: summary.byTitle
      .flatMap(({ titleId: id, ...figures }) => {
        const title = titleById.get(id);
        return title ? [{ ...figures, title }] : [];
      })
      .sort((x, y) => x.title.name.localeCompare(y.title.name)),
    pairs: summary.pairs
      .flatMap(({ aId, bId, ...figures }) => {
        const [first, second] = [userById.get(aId), userById.get(bId)];
        if (!first || !second) return [];
        // Within a pair, too, people are listed by email, so tables read the same way each time.
        return [byEmail(first, second) <= 0 ? { ...figures, a: first, b: second } : { ...figures, a: second, b: first }];
      })
      .sort((x, y) => byEmail(x.a, y.a) || byEmail(x.b, y.b)),
    byLabeller: summary.byLabeller
      .flatMap(({ userId, ...figures }) => {
        const user = userById.get(userId);
        return user ? [{ ...figures, user }] : [];
      })
      .sort((x, y) => byEmail(x.user, y.user)),
  };
}
