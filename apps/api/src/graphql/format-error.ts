import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError, ErrorCode } from "../errors.ts";
import { logger } from "../logger.ts";

// Codes Apollo itself assigns to request problems; their messages describe the request, not the server.
const APOLLO_REQUEST_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/**
 * Error masking: what we threw on purpose (AppError) and Apollo's request errors go out as they are;
 * anything else is logged with its stack and replaced by a generic message, so internals never leak.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const code = formatted.extensions?.["code"];
  if (original instanceof AppError) {
    // `http` only tells Apollo which status to answer with (see server.ts); it is not for clients.
    const { http: _status, ...extensions } = original.extensions;
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions };
  }
  if (code === "GRAPHQL_PARSE_FAILED" && causedByStackOverflow(error)) {
    // graphql's parser recurses once per nesting level; a document nested a couple of thousand levels
    // deep (well within the token limit) overflows the stack, which is the client's doing, not ours.
    return { message: "The query is nested too deeply to parse.", extensions: { code } };
  }
  if (typeof code === "string" && APOLLO_REQUEST_CODES.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  logger.error("unexpected error in a GraphQL request", {
    path: formatted.path,
    error: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : String(original),
  });
  return { message: "Internal server error.", path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

function causedByStackOverflow(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = "originalError" in cause ? cause.originalError : undefined) {
    if (cause instanceof RangeError) return true;
  }
  return false;
}
