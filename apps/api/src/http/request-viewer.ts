import type { Request } from "express";
import type { Db } from "@kao/db";
import { authenticateRequest } from "../auth/authenticate-request.ts";
import type { Viewer } from "../viewer.ts";

/** The viewer of a plain HTTP request (uploads, images), authenticated exactly like GraphQL requests. */
export function requestViewer(req: Request, db: Db, sessionSecret: string): Promise<Viewer | null> {
  return authenticateRequest({ db, secret: sessionSecret, authorization: req.headers.authorization, cookie: req.headers.cookie });
}
