import { randomBytes, randomUUID } from "node:crypto";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import type { Label } from "@kao/db";
import { seedDataset, seedFrame, seedTitle } from "@kao/db/seed";
import { scenesOf, seedLabelledTitle } from "../../integration/support/split-fixtures.ts";
import type { World } from "./world.ts";
import { memberUsers } from "./world-clients.ts";

/*
 * Fresh rows for operations that change or destroy what they touch: each call gets its own, so an
 * allowed call cannot spoil the next one, and a denied call that wrongly got through shows up as a
 * failed expectation rather than as a confusing failure of some later call.
 */

const unique = () => randomUUID().slice(0, 8);

/** A dataset with the world's members; with `labelled`, a title of FACE / NO_FACE scenes (splittable). */
export async function freshDataset(w: World, options: { labelled?: boolean } = {}) {
  const dataset = await seedDataset(w.api.db, { members: memberUsers(w.clients) });
  if (!options.labelled) return { dataset, title: await seedTitle(w.api.db, { datasetId: dataset.id }) };
  const { title } = await seedLabelledTitle(w.api.db, { datasetId: dataset.id, scenes: scenesOf(2, 2) });
  return { dataset, title };
}

/** An open frame in a dataset of its own (labelling calls lease and settle; they must not meet). */
export async function freshFrame(w: World) {
  const { dataset, title } = await freshDataset(w);
  const frame = await seedFrame(w.api.db, { datasetId: dataset.id, titleId: title.id });
  return { dataset, frame };
}

/** A frame of a dataset nobody is a member of (only admins may open it). */
export async function freshForeignFrame(w: World) {
  const dataset = await seedDataset(w.api.db);
  const title = await seedTitle(w.api.db, { datasetId: dataset.id });
  return seedFrame(w.api.db, { datasetId: dataset.id, titleId: title.id });
}

/** A frame the given user has labelled (what `undoLabel` takes back). */
export async function freshLabelledFrame(w: World, userId: string, label: Label = "FACE") {
  const { frame } = await freshFrame(w);
  await w.api.db.annotation.create({ data: { frameId: frame.id, userId, label } });
  await w.api.db.annotationRevision.create({ data: { frameId: frame.id, authorId: userId, label } });
  await w.api.db.frame.update({ where: { id: frame.id }, data: { labelCount: 1 } });
  return frame;
}

/** An unlocked split version made by the API (as an admin) over a labelled dataset of its own. */
export async function freshSplitVersion(w: World) {
  const { dataset, title } = await freshDataset(w, { labelled: true });
  const response = await w.api.graphql<{ createSplit: { data?: { id: string } } }>(
    `mutation($id: ID!) { createSplit(datasetId: $id, input: { name: "fresh", seed: 2 }) { ... on CreateSplitSuccess { data { id } } } }`,
    { variables: { id: dataset.id }, headers: w.admin.headers },
  );
  const id = response.data?.createSplit.data?.id;
  if (!id) throw new Error(`a fresh split failed: ${JSON.stringify(response)}`);
  return { dataset, title, splitVersion: { id } };
}

/** A user who only ever is the target of someone else's operation (never signs in: no password hashing). */
export async function freshUser(w: World) {
  return w.api.db.user.create({ data: { email: `target-${unique()}@kao.test`, role: "LABELER", passwordHash: "never-used" } });
}

export async function freshToken(w: World, userId: string) {
  const { apiToken } = await createApiTokenForUser({ db: w.api.db, viewer: systemViewer, ip: "test" }, userId, { name: `fresh-${unique()}` });
  return apiToken;
}

/** A run of the world's dataset that kept a model, so it can be published. */
export async function freshRun(w: World) {
  return w.api.db.trainingRun.create({
    data: { datasetId: w.dataset.id, backboneId: w.backbone.id, splitVersionId: w.splitVersion.id, kernel: "LINEAR", params: { C: 2 }, status: "SUCCEEDED", model: new Uint8Array([1]) },
  });
}

/** A queued import of the world's dataset (what `cancelImport` stops). */
export async function freshImportJob(w: World) {
  return w.api.db.job.create({ data: { kind: "IMPORT", datasetId: w.dataset.id, params: { titleId: w.title.id, episode: null, sampleFps: 1 } } });
}

/** A queued worker job of the world's dataset (what `cancelJob` stops). */
export async function freshJob(w: World, kind: "EXTRACT" | "TRAIN" | "PREDICT") {
  return w.api.db.job.create({ data: { kind, datasetId: w.dataset.id, params: { backboneId: w.backbone.id } } });
}

/** A staged upload of the world's dataset (what `createImport` claims). */
export async function freshUpload(w: World) {
  const sha256 = randomBytes(32).toString("hex");
  return w.api.db.upload.create({ data: { datasetId: w.dataset.id, fileName: `${unique()}.png`, kind: "IMAGE", size: 10n, sha256, storageKey: `uploads/${w.dataset.id}/${sha256}` } });
}

/** A pinned example on a frame of its own in the world's dataset. */
export async function freshExample(w: World) {
  const frame = await seedFrame(w.api.db, { datasetId: w.dataset.id, titleId: w.title.id });
  return w.api.db.guidelineExample.create({ data: { datasetId: w.dataset.id, frameId: frame.id, label: "FACE" } });
}

/** A member of a fresh dataset (what `removeDatasetMember` removes). */
export async function freshMembership(w: World) {
  const user = await freshUser(w);
  const dataset = await seedDataset(w.api.db, { members: [...memberUsers(w.clients), user] });
  return { dataset, user };
}
