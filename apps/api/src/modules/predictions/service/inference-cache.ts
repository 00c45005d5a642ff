import { readFile } from "node:fs/promises";
import type { Backbone } from "@kao/db";
import { deserialiseSvmModel, exposeTensor, hashFile, openSession, type OpenedSession, type SvmModel } from "@kao/ml";

/**
 * Backbone sessions and SVM models for `POST /predict`, opened once per API process: opening
 * InceptionV3 takes seconds, a request should not. Sessions are keyed by file and checksum (a
 * replaced file is reopened, after the checksum check refuses it); models by run id, as a run's
 * model never changes. A failed open is not kept, so fixing the file is enough.
 */
const sessions = new Map<string, Promise<OpenedSession>>();
const models = new Map<string, SvmModel>();
const MAX_MODELS = 16;

export function backboneSession(backbone: Backbone, file: string): Promise<OpenedSession> {
  const key = `${file}:${backbone.sha256}:${backbone.tapLayer}`;
  let session = sessions.get(key);
  if (!session) {
    session = openBackbone(backbone, file);
    session.catch(() => sessions.delete(key));
    sessions.set(key, session);
  }
  return session;
}

async function openBackbone(backbone: Backbone, file: string): Promise<OpenedSession> {
  const sha256 = await hashFile(file).catch((error: unknown) => {
    throw new Error(`the model file of backbone "${backbone.name}" cannot be read at ${file}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (sha256 !== backbone.sha256) throw new Error(`the model file of backbone "${backbone.name}" changed since it was registered; register it again`);
  return openSession({ model: exposeTensor(new Uint8Array(await readFile(file)), backbone.tapLayer), provider: "cpu", intraOpThreads: 1 });
}

export function runModel(runId: string, bytes: () => Promise<Uint8Array>): Promise<SvmModel> {
  const cached = models.get(runId);
  if (cached) return Promise.resolve(cached);
  return bytes().then((raw) => {
    const model = deserialiseSvmModel(raw);
    // A handful of published runs at a time; drop the oldest beyond that.
    if (models.size >= MAX_MODELS) models.delete(models.keys().next().value ?? "");
    models.set(runId, model);
    return model;
  });
}
