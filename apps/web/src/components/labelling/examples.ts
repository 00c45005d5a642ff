import type { Label } from "@/lib/labelling/labels";

/** A pinned guideline example as the screens read it (see `GuidelineExample` in the API schema). */
export interface GuidelineExampleView {
  id: string;
  label: Label;
  note: string;
  createdAt: string;
  frame: { id: string; thumbnailUrl: string; displayUrl: string; title: { name: string } };
}

export const GUIDELINE_EXAMPLE_FIELDS = `id label note createdAt frame { id thumbnailUrl displayUrl title { name } }`;
