import type { Role } from "@kao/db";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import type { TestApi } from "../../support/api.ts";
import { expectData, signedIn, type Caller } from "./graphql.ts";

export type Label = "FACE" | "NO_FACE" | "UNSURE";

export const NEXT_FRAMES = `query($datasetId: ID!, $count: Int, $wholeScenes: Boolean) {
  nextFrames(datasetId: $datasetId, count: $count, wholeScenes: $wholeScenes) { leaseExpiresAt frame { id sceneId labelStatus labelCount } }
}`;
export const SUBMIT = `mutation($datasetId: ID!, $decisions: [LabelDecisionInput!]!) {
  submitLabels(datasetId: $datasetId, decisions: $decisions) {
    accepted { id frameId label rules durationMs user { id } }
    rejected { frameId code message }
  }
}`;
export const FRAME = `query($id: ID!) {
  frame(id: $id) { id labelStatus labelCount myAnnotation { label rules } consensus { label method note adjudicatedBy { id } } }
}`;

export type Task = { leaseExpiresAt: string; frame: { id: string; sceneId: string | null; labelStatus: string; labelCount: number } };
export type SubmitResult = {
  accepted: { id: string; frameId: string; label: Label; rules: string[]; durationMs: number | null; user: { id: string } }[];
  rejected: { frameId: string; code: string; message: string }[];
};
export type FrameShape = {
  id: string;
  labelStatus: string;
  labelCount: number;
  myAnnotation: { label: Label; rules: string[] } | null;
  consensus: { label: Label; method: string; note: string | null; adjudicatedBy: { id: string } | null } | null;
};

/** A dataset with `frames` frames (one title) and members with the given roles, each with a token. */
export async function seedLabelling(api: TestApi, options: { overlap?: number; frames: number; roles: Role[] }) {
  const callers: Caller[] = [];
  for (const role of options.roles) callers.push(await signedIn(api, { role }));
  const dataset = await seedDataset(api.db, { overlap: options.overlap ?? 1, members: callers.map((caller) => caller.user) });
  const title = await seedTitle(api.db, { datasetId: dataset.id });
  const frames = [];
  for (let i = 0; i < options.frames; i++) frames.push(await seedFrame(api.db, { datasetId: dataset.id, titleId: title.id }));
  return { dataset, title, frames, callers };
}

export function caller(callers: Caller[], index: number): Caller {
  const found = callers[index];
  if (!found) throw new Error(`no caller ${index}`);
  return found;
}

export async function nextFrames(who: Caller, datasetId: string, count = 10, wholeScenes = false): Promise<Task[]> {
  return expectData(await who.graphql<{ nextFrames: Task[] }>(NEXT_FRAMES, { datasetId, count, wholeScenes })).nextFrames;
}

export async function submit(
  who: Caller,
  datasetId: string,
  decisions: { frameId: string; label: Label; rules?: string[]; durationMs?: number }[],
): Promise<SubmitResult> {
  return expectData(await who.graphql<{ submitLabels: SubmitResult }>(SUBMIT, { datasetId, decisions })).submitLabels;
}

export async function readFrame(who: Caller, id: string): Promise<FrameShape> {
  return expectData(await who.graphql<{ frame: FrameShape }>(FRAME, { id })).frame;
}

/** Each frame's annotation count and stored labelCount, straight from the database. */
export async function countsByFrame(api: TestApi, datasetId: string) {
  const frames = await api.db.frame.findMany({ where: { datasetId }, select: { id: true, labelCount: true, labelStatus: true, _count: { select: { annotations: true } } } });
  return frames.map((frame) => ({ id: frame.id, labelCount: frame.labelCount, annotations: frame._count.annotations, labelStatus: frame.labelStatus }));
}
