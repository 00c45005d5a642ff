import { z } from "zod";
import { requireAdmin } from "../../../../access.ts";
import { recordAudit } from "../../../../audit.ts";
import { notFound } from "../../../../errors.ts";
import { ConflictError, InputValidationError, parseInput } from "../../../../graphql/result-errors.ts";
import { assertId } from "../../../../ids.ts";
import type { ServiceContext } from "../../../../service-context.ts";
import type { SplitLabel } from "../splitter/split-frames.ts";
import { TX_OPTIONS } from "../sql.ts";
import { parseLabelFile, type LabelLine, type LineProblem } from "./parse-label-file.ts";

/** At most this many problems are listed (the message gives the total): enough to fix a file, bounded to answer. */
const MAX_LISTED_PROBLEMS = 200;

const importLabelsInput = z.object({
  format: z.enum(["CSV", "JSONL"]),
  // The request body limit (KAO_MAX_BODY_BYTES, 1 MB by default) bounds it first.
  text: z.string().min(1, { message: "The file is empty." }),
  name: z.string().trim().max(200).nullish(),
  dryRun: z.boolean().nullish(),
});

export interface LabelImportReport {
  dryRun: boolean;
  applied: boolean;
  /** Records read (lines with a sha256 and a label). */
  lines: number;
  /** Distinct frames they name. */
  frames: number;
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Sets consensus labels from a CSV or JSON Lines file (admin only), matching frames of the dataset by
 * sha256 of their pixels, so labels exported from one dataset can be applied to another holding the
 * same images. All or nothing: unreadable lines, unknown sha256s, a sha256 given two different labels,
 * or a label contradicting a reviewer's adjudication are reported per line, and then nothing changes.
 * Valid labels become adjudicated consensus by the importing admin, noted "imported from <name>".
 */
export async function importLabels(ctx: ServiceContext, datasetId: string, input: unknown): Promise<LabelImportReport> {
  const viewer = requireAdmin(ctx);
  assertId(datasetId, "datasetId");
  const data = parseInput(importLabelsInput, input);
  if (!(await ctx.db.dataset.findUnique({ where: { id: datasetId }, select: { id: true } }))) throw notFound("Dataset");
  const parsed = parseLabelFile(data.text, data.format);
  const problems = [...parsed.problems];

  const wanted = new Map<string, LabelLine>();
  for (const line of parsed.lines) {
    const first = wanted.get(line.sha256);
    if (!first) wanted.set(line.sha256, line);
    else if (first.label !== line.label) {
      problems.push({ line: line.line, sha256: line.sha256, message: `Labels this frame ${line.label}, but line ${first.line} labels it ${first.label}.` });
    }
  }
  const frames = await ctx.db.frame.findMany({
    where: { datasetId, sha256: { in: [...wanted.keys()] } },
    select: { id: true, sha256: true, consensus: { select: { label: true, method: true } } },
  });
  const frameBySha = new Map(frames.map((frame) => [frame.sha256, frame]));
  for (const line of wanted.values()) {
    const frame = frameBySha.get(line.sha256);
    if (!frame) problems.push({ line: line.line, sha256: line.sha256, message: "Unknown sha256: no frame of this dataset has these pixels." });
    else if (frame.consensus?.method === "ADJUDICATED" && frame.consensus.label !== line.label) {
      problems.push({ line: line.line, sha256: line.sha256, message: `Conflicts with a reviewer's adjudicated label ${frame.consensus.label}.` });
    }
  }
  if (problems.length > 0) throw problemsError(problems);

  const plan = { create: [] as { id: string; label: SplitLabel }[], update: [] as { id: string; label: SplitLabel }[], unchanged: 0 };
  for (const { sha256, label } of wanted.values()) {
    const frame = frameBySha.get(sha256);
    if (!frame) continue; // reported above
    if (!frame.consensus) plan.create.push({ id: frame.id, label });
    else if (frame.consensus.label !== label) plan.update.push({ id: frame.id, label });
    else plan.unchanged += 1;
  }
  const report = { dryRun: Boolean(data.dryRun), applied: false, lines: parsed.lines.length, frames: wanted.size, created: plan.create.length, updated: plan.update.length, unchanged: plan.unchanged };
  if (data.dryRun) return report;

  const note = `imported from ${data.name || "pasted text"}`;
  await ctx.db.$transaction(async (tx) => {
    const ids = [...plan.create, ...plan.update].map((entry) => entry.id);
    // The labelling service changes a frame's labels under its row lock; take it too, then look again.
    await tx.$queryRaw`SELECT id FROM "Frame" WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const now = new Map(
      (await tx.consensus.findMany({ where: { frameId: { in: ids } }, select: { frameId: true, label: true, method: true } })).map((row) => [row.frameId, row]),
    );
    const moved = [
      ...plan.create.filter((entry) => now.has(entry.id)),
      ...plan.update.filter((entry) => {
        const row = now.get(entry.id);
        return !row || (row.method === "ADJUDICATED" && row.label !== entry.label);
      }),
    ];
    if (moved.length > 0) throw new ConflictError(`${moved.length} of these frames were labelled or adjudicated while importing; nothing was changed. Import again to see them.`);

    const fields = { method: "ADJUDICATED" as const, adjudicatedById: viewer.id, note };
    await tx.consensus.createMany({ data: plan.create.map((entry) => ({ frameId: entry.id, label: entry.label, ...fields })) });
    for (const label of ["FACE", "NO_FACE"] as const) {
      const frameIds = plan.update.filter((entry) => entry.label === label).map((entry) => entry.id);
      if (frameIds.length) await tx.consensus.updateMany({ where: { frameId: { in: frameIds } }, data: { label, ...fields } });
    }
    // A frame with a consensus is DONE (docs/labelling.md): the labelling queue stops handing it out.
    await tx.frame.updateMany({ where: { id: { in: ids } }, data: { labelStatus: "DONE" } });
    await recordAudit(tx, ctx, { action: "labels.import", targetType: "Dataset", targetId: datasetId, datasetId, data: { name: data.name ?? null, created: report.created, updated: report.updated, unchanged: report.unchanged } });
  }, TX_OPTIONS);
  return { ...report, applied: true };
}

function problemsError(problems: LineProblem[]) {
  const sorted = problems.sort((a, b) => a.line - b.line);
  const listed = sorted.slice(0, MAX_LISTED_PROBLEMS).map((problem) => ({
    path: `text.${problem.line}`,
    message: `Line ${problem.line}${problem.sha256 ? ` (${problem.sha256.slice(0, 12)}…)` : ""}: ${problem.message}`,
  }));
  const more = sorted.length > listed.length ? ` (the first ${listed.length} are listed)` : "";
  return new InputValidationError(`${sorted.length} line(s) cannot be imported${more}; nothing was changed.`, listed);
}
