import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { resolveFfmpeg } from "@kao/media";
import type { TestApi } from "./api.ts";

const run = promisify(execFile);

/** Makes a video with ffmpeg's lavfi sources, e.g. `["-f","lavfi","-i","testsrc=size=320x240:rate=25:duration=12"]`. */
export async function makeVideo(output: string, inputArgs: string[], extra: string[] = ["-pix_fmt", "yuv420p"]) {
  const { ffmpeg } = resolveFfmpeg();
  await run(ffmpeg, ["-y", "-v", "error", ...inputArgs, ...extra, output]);
  return output;
}

export interface UploadResult {
  status: number;
  uploads: { id: string; fileName: string; size: number; kind: string }[];
  errors: { fileName: string; code: string; message: string }[];
}

/** `POST /uploads` as a script would, with an API token. */
export async function upload(api: TestApi, token: string, datasetId: string, files: { name: string; data: Buffer }[]): Promise<UploadResult> {
  const form = new FormData();
  for (const file of files) form.append("file", new Blob([file.data]), file.name);
  const response = await fetch(`${api.origin}/uploads?datasetId=${datasetId}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  const body = (await response.json()) as Omit<UploadResult, "status">;
  return { status: response.status, uploads: body.uploads ?? [], errors: body.errors ?? [] };
}

const JOB_FIELDS = "id status done total failed progress framesAdded duplicates error items { fileName kind status framesAdded duplicates failed error }";

export interface ImportJobView {
  id: string;
  status: string;
  done: number;
  total: number;
  failed: number;
  progress: number;
  framesAdded: number;
  duplicates: number;
  error: string | null;
  items: { fileName: string; kind: string; status: string; framesAdded: number; duplicates: number; failed: number; error: string | null }[];
}

export async function createImport(api: TestApi, token: string, input: Record<string, unknown>) {
  const response = await api.graphql<{ createImport: { __typename: string; data?: ImportJobView; message?: string } }>(
    `mutation($input: CreateImportInput!) { createImport(input: $input) { __typename ... on CreateImportSuccess { data { ${JOB_FIELDS} } } ... on Error { message } } }`,
    { variables: { input }, token },
  );
  return response;
}

/** Polls `importJob` until it leaves QUEUED/RUNNING. */
export async function waitForImport(api: TestApi, token: string, id: string, timeoutMs = 60_000): Promise<ImportJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.graphql<{ importJob: ImportJobView }>(`query($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`, { variables: { id }, token });
    const job = response.data?.importJob;
    if (!job) throw new Error(`importJob failed: ${JSON.stringify(response.errors)}`);
    if (!["QUEUED", "RUNNING"].includes(job.status)) return job;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
