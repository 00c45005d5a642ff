/** Labels, statuses and the fields the labelling screens read (see `Label`, `LabelTask` in the API schema). */

export const LABELS = ["FACE", "NO_FACE", "UNSURE"] as const;
export type Label = (typeof LABELS)[number];

export type LabelStatus = "OPEN" | "REVIEW" | "DONE";

export const LABEL_TEXT: Record<Label, string> = { FACE: "Face", NO_FACE: "No face", UNSURE: "Unsure" };

/** The key that gives each label, shown on buttons and in the key help. */
export const LABEL_KEY: Record<Label, string> = { FACE: "F", NO_FACE: "N", UNSURE: "U" };

export const LABEL_TONE = { FACE: "green", NO_FACE: "red", UNSURE: "amber" } as const satisfies Record<Label, string>;

export function isLabel(value: unknown): value is Label {
  return typeof value === "string" && (LABELS as readonly string[]).includes(value);
}

/** The other of FACE and NO_FACE; an unsure tile flips to the opposite of the page default. */
export function oppositeLabel(label: Label, pageDefault: "FACE" | "NO_FACE"): "FACE" | "NO_FACE" {
  if (label === "FACE") return "NO_FACE";
  if (label === "NO_FACE") return "FACE";
  return pageDefault === "FACE" ? "NO_FACE" : "FACE";
}

/** What a labelling screen needs of a frame. */
export interface LabelFrame {
  id: string;
  sceneId: string | null;
  displayUrl: string;
  thumbnailUrl: string;
  sourceName: string;
  timestampMs: number | null;
  width: number;
  height: number;
  title: { id: string; name: string };
  video: { fileName: string; episode: string | null } | null;
}

export const LABEL_FRAME_FIELDS = `
  id sceneId displayUrl thumbnailUrl sourceName timestampMs width height
  title { id name }
  video { fileName episode }
`;

export interface LabelTask {
  frame: LabelFrame;
  leaseExpiresAt: string;
}

export const NEXT_FRAMES = /* GraphQL */ `
  query NextFrames($datasetId: ID!, $count: Int!, $wholeScenes: Boolean!) {
    nextFrames(datasetId: $datasetId, count: $count, wholeScenes: $wholeScenes) {
      leaseExpiresAt
      frame { ${LABEL_FRAME_FIELDS} }
    }
  }
`;

export interface PersonRef {
  id: string;
  name: string | null;
  email: string;
}

export const personName = (user: PersonRef) => user.name || user.email;
