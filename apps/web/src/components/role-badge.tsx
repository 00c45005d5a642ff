import { ROLE_LABELS, type Role } from "@/lib/roles";
import { Badge } from "./badge";

const TONE = { ADMIN: "indigo", REVIEWER: "sky", LABELER: "green", VIEWER: "slate" } as const;

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={TONE[role]}>{ROLE_LABELS[role]}</Badge>;
}
