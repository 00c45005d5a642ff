import { GraphQLError } from "graphql";

/**
 * The one table of error codes clients may rely on (`extensions.code`). Expected, per-field failures
 * (validation, conflicts) are typed results in the schema instead; see graphql/result-errors.ts.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  RATE_LIMITED: "RATE_LIMITED",
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  /** A passing outage (the database restarting): retry the same request. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const httpStatus: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  PAYLOAD_TOO_LARGE: 413,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** A failure whose message is safe to show to the client; anything else is masked. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.name = "AppError";
  }
  get code(): ErrorCode {
    return this.extensions["code"] as ErrorCode;
  }
  get httpStatus(): number {
    return httpStatus[this.code];
  }
}

export const unauthenticated = (message = "Sign in or send a valid API token.") =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = "You do not have permission to do this.") => new AppError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found.`);
export const badInput = (message: string) => new AppError(ErrorCode.BAD_USER_INPUT, message);
