export const ROLES = ["ADMIN", "REVIEWER", "LABELER", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  REVIEWER: "Reviewer",
  LABELER: "Labeler",
  VIEWER: "Viewer",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
