import "server-only";
import { cache } from "react";
import type { Role } from "@/lib/roles";
import { graphql } from "./graphql";

export interface Viewer {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

/** The signed-in user as the API sees them now (role changes apply at once), once per request. */
export const getViewer = cache(async (): Promise<Viewer> => {
  const data = await graphql<{ me: Viewer }>("query Viewer { me { id email name role } }");
  return data.me;
});
