import { randomBytes } from "node:crypto";

/** A password for an invited user or a reset, shown once to the admin (~119 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url").replace(/[-_]/g, "x");
}
