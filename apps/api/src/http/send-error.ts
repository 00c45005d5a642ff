import type { Response } from "express";
import { databaseUnavailable, isDatabaseUnavailable } from "../database-unavailable.ts";
import { AppError, ErrorCode } from "../errors.ts";
import { logger } from "../logger.ts";

/** HTTP endpoints answer errors in GraphQL's shape, with the same codes and the same masking. */
export function sendError(res: Response, thrown: unknown) {
  // A database outage is retriable (503), as in GraphQL, not an internal error.
  const error = isDatabaseUnavailable(thrown) ? databaseUnavailable() : thrown;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof AppError) {
    res.status(error.httpStatus).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
    return;
  }
  logger.error("unexpected error in an HTTP endpoint", { error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) });
  res.status(500).json({ errors: [{ message: "Internal server error.", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
}
