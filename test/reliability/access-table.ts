import { randomUUID } from "node:crypto";
import { DEFAULT_SEED_PASSWORD, seedFrame, seedUser } from "@kao/db/seed";
import { randomIp } from "../integration/support/graphql.ts";
import type { World } from "./support/world.ts";
import type { CallerName, Client } from "./support/world-clients.ts";
import {
  freshDataset,
  freshExample,
  freshForeignFrame,
  freshFrame,
  freshImportJob,
  freshJob,
  freshLabelledFrame,
  freshMembership,
  freshRun,
  freshSplitVersion,
  freshToken,
  freshUpload,
  freshUser,
} from "./support/world-rows.ts";

/**
 * Who may call what. Every Query and Mutation field of the API has an entry here (the matrix test
 * fails naming any field without one, and any entry whose field is gone), and each entry says, for
 * every caller of support/world.ts, whether it gets through or which error code refuses it:
 *
 * - UNAUTHENTICATED: no credentials (or an expired session cookie, which counts as none), a revoked or
 *   expired token, a deactivated account (credentials that do not work are refused before any resolver runs).
 * - FORBIDDEN: signed in, but the global role is not enough (checked before the dataset is looked at).
 * - NOT_FOUND: the role is enough but the caller is not a member of the dataset: kao hides that the
 *   dataset (and its frames, jobs, runs, splits) exists at all. Also "someone else's" user or token.
 */

export type Denial = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND";

export interface AccessRule {
  /** Callers that get through (no error at all). */
  allow: readonly CallerName[];
  /** Every other caller, with the code that refuses it. */
  deny: Readonly<Partial<Record<CallerName, Denial>>>;
}

type Awaitable<T> = T | Promise<T>;

export interface AccessCase extends AccessRule {
  /** Tells several cases of one operation apart, e.g. "someone else's". */
  label?: string;
  /** Arguments for one call by `client` (fresh rows where the call changes or destroys what it touches). */
  variables(w: World, client: Client): Awaitable<Record<string, unknown>>;
  /** What to select; `{ __typename }` by default for object results. */
  selection?: string | ((w: World) => string);
  /** The nullable field of the result that the rule guards: refused callers may get the rest, never this. */
  guards?: string;
  /** Extra request headers (sign-in limits are per client address). */
  headers?(w: World, client: Client): Record<string, string>;
  /** For allowed callers: the result type when a typed error is expected on purpose (the input cannot succeed here). */
  outcome?: string;
  /** For allowed callers: what the result must show (a list scoped to the caller, …); a problem, or null. */
  check?(result: unknown, w: World, client: Client): Awaitable<string | null>;
}

// Credentials that do not work are refused by the request's context, whatever the operation.
const REFUSED = { revokedToken: "UNAUTHENTICATED", expiredToken: "UNAUTHENTICATED", deactivated: "UNAUTHENTICATED" } as const;
// An expired session cookie is no cookie: the caller is anonymous (and may sign in again).
const SIGNED_OUT = { anonymous: "UNAUTHENTICATED", expiredSession: "UNAUTHENTICATED", ...REFUSED } as const;

/** Signing in needs no account. */
const anyone: AccessRule = { allow: ["anonymous", "expiredSession", "viewer", "labeller", "reviewer", "admin", "nonMember"], deny: REFUSED };
/** Any signed-in user, about themselves or what is global (backbones). */
const signedIn: AccessRule = { allow: ["viewer", "labeller", "reviewer", "admin", "nonMember"], deny: SIGNED_OUT };
/** Reading a dataset: its members, whatever their role, and admins. */
const members: AccessRule = { allow: ["viewer", "labeller", "reviewer", "admin"], deny: { ...SIGNED_OUT, nonMember: "NOT_FOUND" } };
/** Labelling: LABELER, REVIEWER and ADMIN; members only. */
const labellers: AccessRule = { allow: ["labeller", "reviewer", "admin"], deny: { ...SIGNED_OUT, viewer: "FORBIDDEN", nonMember: "NOT_FOUND" } };
/** Reviewing (and steering the queue with a model): REVIEWER and ADMIN; members only. */
/** Model outputs for images a caller sends: members except labellers, who label blind (no model hints). */
const modelReaders: AccessRule = { allow: ["viewer", "reviewer", "admin"], deny: { ...SIGNED_OUT, labeller: "FORBIDDEN", nonMember: "NOT_FOUND" } };
const reviewers: AccessRule = { allow: ["reviewer", "admin"], deny: { ...SIGNED_OUT, viewer: "FORBIDDEN", labeller: "FORBIDDEN", nonMember: "NOT_FOUND" } };
/** Overseeing across datasets: REVIEWER and ADMIN, each answered only about the datasets they can open. */
const reviewersScoped: AccessRule = { allow: ["reviewer", "admin", "nonMember"], deny: { ...SIGNED_OUT, viewer: "FORBIDDEN", labeller: "FORBIDDEN" } };
/** Managing: ADMIN only; the role check comes first, so nobody else learns whether the target exists. */
const admins: AccessRule = {
  allow: ["admin"],
  deny: { ...SIGNED_OUT, viewer: "FORBIDDEN", labeller: "FORBIDDEN", reviewer: "FORBIDDEN", nonMember: "FORBIDDEN" },
};
/** Someone else's user or token: admins only; to anyone else it does not exist. */
const adminsElseHidden: AccessRule = {
  allow: ["admin"],
  deny: { ...SIGNED_OUT, viewer: "NOT_FOUND", labeller: "NOT_FOUND", reviewer: "NOT_FOUND", nonMember: "NOT_FOUND" },
};

const CAN_OPEN_DATASET: CallerName[] = ["viewer", "labeller", "reviewer", "admin"];
/** The caller's own user; callers without one act on someone else (they are refused before it matters). */
const userOf = (w: World, client: Client) => client.user ?? w.other;
const unique = () => randomUUID().slice(0, 8);

const ids = (result: unknown) =>
  ((result as { edges?: { node: { id: string } }[] } | null)?.edges ?? []).map((edge) => edge.node.id);

async function catalogKey(w: World) {
  const response = await w.api.graphql<{ catalogModels: { key: string }[] }>("{ catalogModels { key } }", { headers: w.admin.headers });
  const key = response.data?.catalogModels[0]?.key;
  if (!key) throw new Error(`no catalog model to register: ${JSON.stringify(response)}`);
  return key;
}

export const accessTable: Record<string, AccessCase[]> = {
  "Query.agreement": [{ ...members, variables: (w) => ({ datasetId: w.dataset.id }) }],
  "Query.apiTokens": [
    {
      ...signedIn,
      variables: () => ({ includeRevoked: true }),
      selection: "{ edges { node { id } } }",
      async check(result, w, client) {
        const own = await w.api.db.apiToken.findMany({ where: { userId: userOf(w, client).id }, select: { id: true } });
        const foreign = ids(result).filter((id) => !own.some((token) => token.id === id));
        if (ids(result).length === 0) return "lists none of the caller's own tokens";
        return foreign.length ? `lists tokens of other users: ${foreign.join(", ")}` : null;
      },
    },
  ],
  "Query.auditLog": [
    {
      ...reviewersScoped,
      // The world's split was made through the API, so the dataset has a `split.create` entry.
      variables: (w) => ({ datasetId: w.dataset.id, action: "split.create" }),
      selection: "{ edges { node { id datasetId targetId } } }",
      check(result, w, client) {
        const sees = ids(result).length > 0;
        const should = CAN_OPEN_DATASET.includes(client.caller);
        return sees === should ? null : `${sees ? "shows" : "does not show"} the world's dataset's entries`;
      },
    },
  ],
  "Query.backboneJob": [{ ...admins, variables: (w) => ({ id: w.jobs.download }) }],
  "Query.backboneJobs": [{ ...admins, variables: () => ({}) }],
  "Query.backbones": [
    { ...signedIn, variables: () => ({}) },
    // A dataset argument below a field everyone may call: scoped like the dataset itself.
    { ...members, label: "with a dataset's feature coverage", variables: () => ({}), selection: (w) => `{ id featureCoverage(datasetId: "${w.dataset.id}") { vectors } }` },
  ],
  "Query.catalogModels": [{ ...admins, variables: () => ({}) }],
  "Query.dataset": [
    { ...members, variables: (w) => ({ id: w.dataset.id }) },
    {
      ...members,
      label: "its members' last sign-in",
      variables: (w) => ({ id: w.dataset.id }),
      selection: "{ members { edges { node { user { id lastLoginAt } } } } }",
      check(result, _w, client) {
        const users = ((result as { members?: { edges: { node: { user: { id: string; lastLoginAt: string | null } } }[] } }).members?.edges ?? []).map((edge) => edge.node.user);
        // Account activity is for admins and the user themselves, as `user(id)` has it.
        const shown = users.filter((user) => user.lastLoginAt !== null).map((user) => user.id);
        const expected = users.filter((user) => client.caller === "admin" || user.id === client.user?.id).map((user) => user.id);
        return users.length > 0 && JSON.stringify(shown) === JSON.stringify(expected) ? null : `shows the last sign-in of ${shown.length} of ${users.length} members (expected ${expected.length})`;
      },
    },
  ],
  "Query.datasets": [
    {
      ...signedIn,
      variables: (w) => ({ search: w.dataset.name }),
      selection: "{ edges { node { id } } }",
      check(result, w, client) {
        const sees = ids(result).includes(w.dataset.id);
        const should = CAN_OPEN_DATASET.includes(client.caller);
        return sees === should ? null : `${sees ? "lists" : "does not list"} the world's dataset`;
      },
    },
  ],
  "Query.extractionJob": [{ ...members, variables: (w) => ({ id: w.jobs.extract }) }],
  "Query.featureLeakageReport": [{ ...reviewers, variables: (w) => ({ splitVersionId: w.splitVersion.id, backboneId: w.backbone.id, threshold: 0.5 }) }],
  "Query.frame": [
    { ...members, variables: (w) => ({ id: w.frames[0]?.id }) },
    // Labellers label blind: neither other people's labels nor what the model thinks.
    { ...reviewers, label: "everyone's labels", variables: (w) => ({ id: w.frames[0]?.id }), selection: "{ id annotations { id } }" },
    { ...reviewers, label: "why it is suggested", variables: (w) => ({ id: w.frames[0]?.id }), selection: "{ id suggestion { priority } }", guards: "suggestion" },
  ],
  "Query.frameHistory": [{ ...members, variables: (w) => ({ frameId: w.frames[0]?.id }) }],
  "Query.frames": [{ ...members, variables: (w) => ({ datasetId: w.dataset.id }) }],
  "Query.importJob": [{ ...members, variables: (w) => ({ id: w.jobs.import }) }],
  "Query.job": [
    { ...members, label: "a dataset's", variables: (w) => ({ id: w.jobs.extract }) },
    { ...adminsElseHidden, label: "a download, of no dataset", variables: (w) => ({ id: w.jobs.download }) },
  ],
  "Query.leakageReport": [{ ...members, variables: (w) => ({ splitVersionId: w.splitVersion.id }) }],
  "Query.me": [{ ...signedIn, variables: () => ({}) }],
  "Query.nextFrames": [
    {
      ...labellers,
      variables: async (w) => ({ datasetId: (await freshFrame(w)).dataset.id, count: 1 }),
      selection: "{ frame { id } }",
      check: (result) => (Array.isArray(result) && result.length === 1 ? null : `leased ${JSON.stringify(result)} instead of the one open frame`),
    },
  ],
  "Query.predictImage": [{ ...modelReaders, variables: (w) => ({ datasetId: w.dataset.id, runId: w.run.id, imageBase64: w.image.toString("base64") }), selection: "{ label runId }" }],
  "Query.predictionJob": [{ ...members, variables: (w) => ({ id: w.jobs.predict }) }],
  "Query.predictions": [
    { ...members, variables: (w) => ({ datasetId: w.dataset.id, runId: w.run.id }) },
    {
      // Labellers label blind: no model scores of the frames held out for testing.
      allow: ["viewer", "reviewer", "admin"],
      deny: { ...SIGNED_OUT, labeller: "FORBIDDEN", nonMember: "NOT_FOUND" },
      label: "held-out split",
      variables: (w) => ({ datasetId: w.dataset.id, runId: w.run.id, split: "TEST" }),
    },
  ],
  "Query.reviewQueue": [{ ...reviewers, variables: (w) => ({ datasetId: w.dataset.id }) }],
  "Query.splitVersion": [{ ...members, variables: (w) => ({ id: w.splitVersion.id }) }],
  "Query.splitVersions": [{ ...members, variables: (w) => ({ datasetId: w.dataset.id }) }],
  "Query.trainingJob": [{ ...members, variables: (w) => ({ id: w.jobs.train }) }],
  "Query.trainingRun": [{ ...members, variables: (w) => ({ id: w.run.id }) }],
  "Query.trainingRuns": [{ ...members, variables: (w) => ({ datasetId: w.dataset.id }) }],
  "Query.user": [
    { ...signedIn, label: "oneself", variables: (w, client) => ({ id: userOf(w, client).id }) },
    { ...adminsElseHidden, label: "someone else", variables: (w) => ({ id: w.other.id }) },
  ],
  "Query.users": [{ ...admins, variables: () => ({}) }],

  "Mutation.addDatasetMember": [{ ...admins, variables: async (w) => ({ datasetId: (await freshDataset(w)).dataset.id, userId: (await freshUser(w)).id }) }],
  "Mutation.adjudicate": [{ ...reviewers, variables: async (w) => ({ frameId: (await freshFrame(w)).frame.id, label: "FACE" }) }],
  "Mutation.appendToSplit": [{ ...admins, variables: async (w) => ({ id: (await freshSplitVersion(w)).splitVersion.id }) }],
  "Mutation.cancelJob": [{ ...admins, variables: async (w) => ({ id: (await freshJob(w, "EXTRACT")).id }) }],
  "Mutation.cancelImport": [{ ...admins, variables: async (w) => ({ id: (await freshImportJob(w)).id }) }],
  // The same password again: every caller's next call still knows it.
  "Mutation.changeMyPassword": [{ ...signedIn, variables: () => ({ currentPassword: DEFAULT_SEED_PASSWORD, newPassword: DEFAULT_SEED_PASSWORD }) }],
  "Mutation.createApiToken": [{ ...signedIn, variables: () => ({ name: `matrix-${unique()}` }) }],
  "Mutation.createDataset": [{ ...admins, variables: () => ({ input: { name: `matrix-${unique()}` } }) }],
  "Mutation.createImport": [
    { ...admins, variables: async (w) => ({ input: { datasetId: w.dataset.id, title: `Matrix import ${unique()}`, uploadIds: [(await freshUpload(w)).id] } }) },
  ],
  "Mutation.createSplit": [{ ...admins, variables: async (w) => ({ datasetId: (await freshDataset(w, { labelled: true })).dataset.id, input: { name: "matrix" } }) }],
  "Mutation.createUser": [{ ...admins, variables: () => ({ input: { email: `created-${unique()}@kao.test`, role: "LABELER" } }) }],
  // Queued, never run: no worker here. A second call for the same model gets the queued job back.
  "Mutation.downloadCatalogModel": [{ ...admins, variables: async (w) => ({ key: await catalogKey(w), name: `matrix-${unique()}` }) }],
  "Mutation.importLabels": [
    {
      ...admins,
      // A dry run of the label the first frame already has: it succeeds and changes nothing.
      variables: (w) => ({ datasetId: w.dataset.id, input: { format: "CSV", text: `sha256,label\n${w.frames[0]?.sha256},FACE\n`, dryRun: true } }),
    },
  ],
  "Mutation.lockSplit": [{ ...admins, variables: async (w) => ({ id: (await freshSplitVersion(w)).splitVersion.id }) }],
  "Mutation.pinExample": [
    { ...admins, variables: async (w) => ({ frameId: (await seedFrame(w.api.db, { datasetId: w.dataset.id, titleId: w.title.id })).id, label: "FACE" }) },
  ],
  "Mutation.publishRun": [{ ...admins, variables: async (w) => ({ runId: (await freshRun(w)).id }) }],
  "Mutation.registerBackbone": [
    { ...admins, variables: async (w) => ({ input: { name: `matrix-${unique()}`, path: w.backboneFile, tap: "features" } }) },
  ],
  "Mutation.registerCatalogModel": [
    // The catalog's files are not in this server's model cache (nothing is downloaded in tests): a typed refusal.
    { ...admins, variables: async (w) => ({ key: await catalogKey(w), name: `matrix-${unique()}` }), outcome: "ValidationError" },
  ],
  "Mutation.removeDatasetMember": [
    {
      ...admins,
      variables: async (w) => {
        const { dataset, user } = await freshMembership(w);
        return { datasetId: dataset.id, userId: user.id };
      },
      selection: "{ id }",
    },
  ],
  "Mutation.resetUserPassword": [{ ...admins, variables: async (w) => ({ id: (await freshUser(w)).id }) }],
  "Mutation.resplit": [{ ...admins, variables: async (w) => ({ id: (await freshSplitVersion(w)).splitVersion.id }) }],
  "Mutation.revokeApiToken": [
    { ...signedIn, label: "one's own", variables: async (w, client) => ({ id: (await freshToken(w, userOf(w, client).id)).id }) },
    { ...adminsElseHidden, label: "someone else's", variables: async (w) => ({ id: (await freshToken(w, w.other.id)).id }) },
  ],
  "Mutation.setTitleDistinct": [{ ...admins, variables: async (w) => ({ titleId: (await freshDataset(w, { labelled: true })).title.id, distinct: true }) }],
  "Mutation.signIn": [
    {
      ...anyone,
      // A user of its own per call and an address of its own: sign-in limits count per email and per address.
      variables: async (w) => ({ email: (await seedUser(w.api.db, { role: "VIEWER" })).email, password: DEFAULT_SEED_PASSWORD }),
      headers: () => ({ "x-forwarded-for": randomIp() }),
    },
  ],
  "Mutation.startExtraction": [{ ...admins, variables: (w) => ({ input: { datasetId: w.dataset.id, backboneId: w.backbone.id } }) }],
  "Mutation.startTraining": [
    { ...admins, variables: (w) => ({ input: { datasetId: w.dataset.id, backboneId: w.backbone.id, splitVersionId: w.splitVersion.id, Cs: [1] } }) },
  ],
  "Mutation.submitLabels": [
    {
      ...labellers,
      variables: async (w) => {
        const { dataset, frame } = await freshFrame(w);
        return { datasetId: dataset.id, decisions: [{ frameId: frame.id, label: "FACE" }] };
      },
      selection: "{ accepted { frameId } rejected { code } }",
      check: (result) => ((result as { accepted?: unknown[] }).accepted?.length === 1 ? null : `the decision was not accepted: ${JSON.stringify(result)}`),
    },
    {
      ...labellers,
      // A frame of a dataset the caller cannot open, sent along with a dataset they can: refused as unknown.
      label: "a frame of someone else's dataset",
      variables: async (w) => {
        const { dataset } = await freshFrame(w);
        const foreign = await freshForeignFrame(w);
        return { datasetId: dataset.id, decisions: [{ frameId: foreign.id, label: "FACE" }] };
      },
      selection: "{ accepted { frameId } rejected { code } }",
      check: (result) => {
        const { accepted, rejected } = result as { accepted?: unknown[]; rejected?: { code: string }[] };
        return accepted?.length === 0 && rejected?.[0]?.code === "NOT_FOUND" ? null : `a foreign frame was not refused: ${JSON.stringify(result)}`;
      },
    },
  ],
  "Mutation.suggestFrames": [
    { ...reviewers, variables: (w) => ({ datasetId: w.dataset.id, runId: w.run.id }) },
    {
      // The world's run used on another dataset: a run is only ever used in its own dataset.
      allow: [],
      deny: { ...SIGNED_OUT, viewer: "FORBIDDEN", labeller: "FORBIDDEN", reviewer: "NOT_FOUND", admin: "NOT_FOUND", nonMember: "NOT_FOUND" },
      label: "a run of another dataset",
      variables: async (w) => ({ datasetId: (await freshDataset(w)).dataset.id, runId: w.run.id }),
    },
  ],
  "Mutation.undoLabel": [{ ...labellers, variables: async (w, client) => ({ frameId: (await freshLabelledFrame(w, userOf(w, client).id)).id }) }],
  "Mutation.unpinExample": [{ ...admins, variables: async (w) => ({ id: (await freshExample(w)).id }) }],
  "Mutation.updateDataset": [{ ...admins, variables: async (w) => ({ id: (await freshDataset(w)).dataset.id, input: { description: "changed by the matrix" } }) }],
  "Mutation.updateUser": [{ ...admins, variables: async (w) => ({ id: (await freshUser(w)).id, input: { name: "Renamed" } }) }],
};

/** A plain HTTP route, tried like the GraphQL operations. */
export interface HttpAccessCase extends AccessRule {
  /** The route as Express declares it, e.g. `GET /frames/:id/:variant`. */
  route: string;
  label: string;
  request(w: World, client: Client): Awaitable<{ path: string; init?: Omit<RequestInit, "headers"> & { headers?: Record<string, string> } }>;
  /** For allowed callers: what the response must be; a problem, or null. */
  check(response: Response, w: World): Awaitable<string | null>;
}

const sameBytes = async (response: Response, w: World) => {
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || response.headers.get("content-type") !== "image/jpeg") return `answered ${response.status} ${response.headers.get("content-type")}`;
  return body.equals(w.image) ? null : "answered other bytes than the frame's image";
};

/** Routes anyone may call, whatever their credentials: they answer nothing about kao's data. */
export const publicRoutes: Record<string, string> = {
  "GET /healthz": "a liveness probe for process managers; says the database answers, nothing else",
};

export const httpAccessTable: HttpAccessCase[] = [
  {
    ...modelReaders,
    route: "POST /predict",
    label: "POST /predict?datasetId=…&runId=…",
    request: (w) => ({
      path: `/predict?datasetId=${w.dataset.id}&runId=${w.run.id}`,
      // Cookie-authenticated posts must prove they are not a cross-site form post.
      init: { method: "POST", body: new Uint8Array(w.image), headers: { "content-type": "image/jpeg", "x-kao-upload": "1" } },
    }),
    async check(response, w) {
      const body = (await response.json()) as { label?: string; runId?: string };
      return response.status === 200 && body.runId === w.run.id && (body.label === "FACE" || body.label === "NO_FACE") ? null : `answered ${response.status}: ${JSON.stringify(body)}`;
    },
  },
  ...(["image", "display", "thumb"] as const).map(
    (variant): HttpAccessCase => ({ ...members, route: "GET /frames/:id/:variant", label: `GET /frames/:id/${variant}`, request: (w) => ({ path: `/frames/${w.frames[0]?.id}/${variant}` }), check: sameBytes }),
  ),
  {
    ...members,
    // Revalidating a cached image must not skip the check: an outsider who knows the ETag gets no 304.
    route: "GET /frames/:id/:variant",
    label: "GET /frames/:id/thumb with If-None-Match",
    request: (w) => ({ path: `/frames/${w.frames[0]?.id}/thumb`, init: { headers: { "if-none-match": `"${w.frames[0]?.sha256}-thumbnail"` } } }),
    check: (response) => (response.status === 304 ? null : `answered ${response.status} instead of 304`),
  },
  {
    ...reviewers,
    route: "GET /exports/:file",
    label: "GET /exports/:splitVersionId.csv",
    request: (w) => ({ path: `/exports/${w.splitVersion.id}.csv` }),
    async check(response, w) {
      const text = await response.text();
      if (response.status !== 200) return `answered ${response.status}: ${text.slice(0, 200)}`;
      return text.includes(w.frames[0]?.sha256 ?? "-") ? null : "the export lacks the dataset's frames";
    },
  },
  {
    ...admins,
    route: "POST /uploads",
    label: "POST /uploads?datasetId=…",
    request: async (w) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(w.image)], { type: "image/jpeg" }), `matrix-${unique()}.jpg`);
      // Cookie-authenticated uploads must prove they are not a cross-site form post.
      return { path: `/uploads?datasetId=${w.dataset.id}`, init: { method: "POST", body: form, headers: { "x-kao-upload": "1" } } };
    },
    async check(response) {
      const body = (await response.json()) as { uploads?: unknown[] };
      return response.status === 201 && body.uploads?.length === 1 ? null : `answered ${response.status}: ${JSON.stringify(body)}`;
    },
  },
  {
    ...admins,
    route: "POST /backbones/keras",
    label: "POST /backbones/keras",
    request: () => {
      // Queued only (no worker converts it here): the upload itself is what is authorised.
      const form = new FormData();
      form.append("name", `matrix-keras-${unique()}`);
      form.append("tap", "features");
      form.append("file", new Blob(["{}"], { type: "application/json" }), "model.json");
      return { path: "/backbones/keras", init: { method: "POST", body: form, headers: { "x-kao-upload": "1" } } };
    },
    async check(response) {
      const body = (await response.json()) as { job?: { id?: string } };
      return response.status === 201 && body.job?.id ? null : `answered ${response.status}: ${JSON.stringify(body)}`;
    },
  },
];

