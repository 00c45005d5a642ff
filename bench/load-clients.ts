// The load benchmark's clients: labellers looping nextFrames + submitLabels with their own tokens,
// and an admin keeping an import and a training job running, all over HTTP like any script.
import { readFile } from "node:fs/promises";

export type Timings = { ms: number[]; failures: string[] };
export const timings = (): Timings => ({ ms: [], failures: [] });

export const percentile = (ms: readonly number[], p: number) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] ?? NaN;

/**
 * POSTs one operation and records its latency. A GraphQL error, an HTTP error or a broken connection
 * counts as a failure (with its message), never as a latency: the benchmark's claim is "no errors".
 */
export async function post<T>(url: string, token: string, query: string, variables: Record<string, unknown>, into: Timings): Promise<T | null> {
  const started = performance.now();
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length || !body.data) {
      const error = body.errors?.[0];
      into.failures.push(error ? `${error.extensions?.code ?? "?"}: ${error.message}` : `HTTP ${response.status}`);
      return null;
    }
    into.ms.push(performance.now() - started);
    return body.data;
  } catch (error) {
    into.failures.push(`request failed: ${error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error)}`);
    return null;
  }
}

const NEXT = `query($d: ID!) { nextFrames(datasetId: $d, count: 10) { frame { id } } }`;
const SUBMIT = `mutation($d: ID!, $decisions: [LabelDecisionInput!]!) { submitLabels(datasetId: $d, decisions: $decisions) { accepted { id frameId } rejected { frameId code } } }`;
const ME = `{ me { id } }`;
const LABELS = ["FACE", "FACE", "NO_FACE", "NO_FACE", "UNSURE"] as const;

/** What the labellers saw, for the exact counts afterwards. */
export interface LabelTally {
  /** Annotation ids the API reported as accepted; a Set, so a duplicate report would show. */
  acceptedIds: Set<string>;
  acceptedReports: number;
  rejected: number;
  /** nextFrames answers with nothing (another labeller's request held the free frames for a moment). */
  empty: number;
  /** Frames handed to a labeller who had already labelled them. */
  handedAgain: number;
}
export const tally = (): LabelTally => ({ acceptedIds: new Set(), acceptedReports: 0, rejected: 0, empty: 0, handedAgain: 0 });

async function loop(seconds: number, body: () => Promise<void>) {
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) await body();
}

/** `{ me { id } }` in a loop: authentication, GraphQL and HTTP without labelling work. */
export const reference = (url: string, token: string, seconds: number, into: Timings) =>
  loop(seconds, async () => {
    await post(url, token, ME, {}, into);
  });

/** One labeller for `seconds`: nextFrames(10), then a decision on each frame, over and over. */
export function labeller(options: { url: string; token: string; datasetId: string; ruleNames: string[]; seconds: number; next: Timings; submit: Timings; tally: LabelTally; done: Set<string> }) {
  const { url, token, datasetId, tally: counts, done } = options;
  return loop(options.seconds, async () => {
    const tasks = await post<{ nextFrames: { frame: { id: string } }[] }>(url, token, NEXT, { d: datasetId }, options.next);
    if (!tasks) return;
    if (tasks.nextFrames.length === 0) {
      counts.empty++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return;
    }
    for (const task of tasks.nextFrames) if (done.has(task.frame.id)) counts.handedAgain++;
    const decisions = tasks.nextFrames.map((task, i) => ({
      frameId: task.frame.id,
      label: LABELS[Math.floor(Math.random() * LABELS.length)] ?? "FACE",
      rules: i % 3 === 0 ? options.ruleNames.slice(0, 1) : [],
      durationMs: 800 + Math.floor(Math.random() * 2000),
    }));
    const result = await post<{ submitLabels: { accepted: { id: string; frameId: string }[]; rejected: unknown[] } }>(url, token, SUBMIT, { d: datasetId, decisions }, options.submit);
    for (const annotation of result?.submitLabels.accepted ?? []) {
      counts.acceptedIds.add(annotation.id);
      counts.acceptedReports++;
      done.add(annotation.frameId);
    }
    counts.rejected += result?.submitLabels.rejected.length ?? 0;
  });
}

export interface JobTally {
  succeeded: number;
  failed: string[];
  /** Seconds from start to finish of each job, as the API's job rows say. */
  seconds: number[];
}
export const jobTally = (): JobTally => ({ succeeded: 0, failed: [], seconds: [] });

type JobView = { status: string; error: string | null; startedAt: string | null; finishedAt: string | null };
const JOB_FIELDS = "status error startedAt finishedAt";

async function waitForJob(url: string, token: string, field: "importJob" | "trainingJob", id: string, ops: Timings): Promise<JobView> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const data = await post<Record<string, JobView>>(url, token, `query($id: ID!) { ${field}(id: $id) { ${JOB_FIELDS} } }`, { id }, ops);
    const job = data?.[field];
    if (job && !["QUEUED", "RUNNING"].includes(job.status)) return job;
  }
}

function record(into: JobTally, what: string, job: JobView | null) {
  if (job?.status === "SUCCEEDED") {
    into.succeeded++;
    if (job.startedAt && job.finishedAt) into.seconds.push((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000);
  } else {
    into.failed.push(`${what}: ${job ? `${job.status} ${job.error ?? ""}` : "could not be started"}`);
  }
}

/**
 * Keeps one import running until `stop()` is called: upload the video to a new dataset (the importer
 * skips frames a dataset already has), import it, wait, again. Every step is the admin's HTTP call.
 */
export function keepImporting(options: { origin: string; token: string; video: string; ops: Timings; jobs: JobTally; isStopped: () => boolean }) {
  const url = `${options.origin}/graphql`;
  return (async () => {
    const data = await readFile(options.video);
    for (let round = 1; !options.isStopped(); round++) {
      const created = await post<{ createDataset: { data?: { id: string } } }>(url, options.token, `mutation($input: CreateDatasetInput!) { createDataset(input: $input) { ... on CreateDatasetSuccess { data { id } } } }`, { input: { name: `Bench import ${Date.now()}-${round}` } }, options.ops);
      const datasetId = created?.createDataset.data?.id;
      if (!datasetId) return record(options.jobs, "createDataset", null);
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(data)]), `episode-${round}.mp4`);
      const started = performance.now();
      const uploaded = await fetch(`${options.origin}/uploads?datasetId=${datasetId}`, { method: "POST", headers: { authorization: `Bearer ${options.token}` }, body: form })
        .then(async (response) => ((await response.json()) as { uploads?: { id: string }[] }).uploads ?? [])
        .catch((error: unknown) => (options.ops.failures.push(`upload failed: ${String(error)}`), []));
      if (!uploaded.length) return record(options.jobs, "upload", null);
      options.ops.ms.push(performance.now() - started);
      const job = await post<{ createImport: { data?: { id: string } } }>(url, options.token, `mutation($input: CreateImportInput!) { createImport(input: $input) { ... on CreateImportSuccess { data { id } } } }`, { input: { datasetId, title: "Bench episode", uploadIds: uploaded.map((u) => u.id) } }, options.ops);
      const id = job?.createImport.data?.id;
      record(options.jobs, `import ${round}`, id ? await waitForJob(url, options.token, "importJob", id, options.ops) : null);
    }
  })();
}

/** Keeps one training job (the paper's kernels × `Cs`) running until `stop()` is called. */
export function keepTraining(options: { url: string; token: string; set: { datasetId: string; backboneId: string; splitVersionId: string }; Cs: number[]; ops: Timings; jobs: JobTally; isStopped: () => boolean }) {
  return (async () => {
    for (let round = 1; !options.isStopped(); round++) {
      const job = await post<{ startTraining: { data?: { id: string } } }>(
        options.url,
        options.token,
        `mutation($input: StartTrainingInput!) { startTraining(input: $input) { ... on StartTrainingSuccess { data { id } } } }`,
        { input: { ...options.set, Cs: options.Cs } },
        options.ops,
      );
      const id = job?.startTraining.data?.id;
      record(options.jobs, `training ${round}`, id ? await waitForJob(options.url, options.token, "trainingJob", id, options.ops) : null);
      if (!id) return;
    }
  })();
}
