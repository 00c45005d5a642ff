import { Badge } from "@/components/badge";
import { LABEL_TEXT, LABEL_TONE, type Label } from "@/lib/labelling/labels";

export function LabelBadge({ label }: { label: Label }) {
  return (
    <span data-label={label}>
      <Badge tone={LABEL_TONE[label]}>{LABEL_TEXT[label]}</Badge>
    </span>
  );
}
