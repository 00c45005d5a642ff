import type { Db } from "@kao/db";
import type { Viewer } from "./viewer.ts";

/** What every service function receives: the database and who is asking (null when anonymous). */
export interface ServiceContext {
  db: Db;
  viewer: Viewer | null;
  /** Client address, for rate limits and the audit log. */
  ip: string;
}
