import type { Role } from "@kao/db";

/** Who is asking. Services receive it explicitly and check it before touching data. */
export interface Viewer {
  /** null for the operations CLI acting as the system. */
  id: string | null;
  email: string;
  role: Role;
  via: "session" | "api-token" | "system";
}

/** The operations CLI acts with full rights and is recorded as the system in the audit log. */
export const systemViewer: Viewer = { id: null, email: "system", role: "ADMIN", via: "system" };
