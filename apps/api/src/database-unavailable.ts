import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";
import { AppError, ErrorCode } from "./errors.ts";
import { logger } from "./logger.ts";

/**
 * While Postgres restarts (or is out of connections), every request fails the same passing way. Clients
 * must be able to tell that from a bug: such failures answer 503 with code SERVICE_UNAVAILABLE, which
 * the web app's decision outbox (and any script) retries, instead of a masked INTERNAL_SERVER_ERROR
 * with status 200 that reads as final.
 */

// Prisma: can't reach the server, connection timed out / closed, no free connection in the pool.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// @prisma/adapter-pg's DriverAdapterError kinds for the same.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// SQLSTATE: class 08 (connection exception), 57P01–57P03 (shutting down, crashed, starting up), 53300 (too many connections).
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);
// node-postgres's own errors for a lost connection carry no code, only these messages (pg/lib/client.js,
// pg-pool); a transaction whose connection died mid-way surfaces them unwrapped.
const PG_MESSAGES = /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

const field = (value: unknown, key: string): unknown => (typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined);

/** True when `error` (or what it wraps) says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const code = field(current, "code");
    const kind = field(current, "kind");
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || ERRNO.has(code))) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (current instanceof Error && PG_MESSAGES.test(current.message)) return true;
    // Prisma keeps the driver's error under meta.driverAdapterError.cause; GraphQL wraps in originalError.
    pending.push(field(current, "cause"), field(current, "originalError"), field(field(current, "meta"), "driverAdapterError"));
  }
  return false;
}

const MESSAGE = "The database is unavailable for a moment. Try again shortly.";

/** The AppError for a request that met a database outage (HTTP 503). */
export function databaseUnavailable(): AppError {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, MESSAGE, { http: { status: 503 } });
}

/** Wraps Apollo's formatError: database outages get their own retriable code instead of the masked one. */
export function formatDatabaseErrors(format: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (!isDatabaseUnavailable(error)) return format(formatted, error);
    logger.warn("the database is unavailable", { path: formatted.path });
    return { message: MESSAGE, path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
  };
}

/** Answers 503 when a resolver met a database outage (Apollo would say 200 with errors). */
export function databaseUnavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          if (errors.some(isDatabaseUnavailable)) response.http.status = 503;
        },
      };
    },
  };
}
