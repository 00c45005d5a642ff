/** GraphQL wire types and errors shared by the server helper and the browser's mutation helper. */

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponseBody<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

/** Codes from the API's error table, plus the web app's own for an unreachable or broken API. */
export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR"
  | "API_UNAVAILABLE"
  | (string & {});

/** A GraphQL request that failed as a whole (top-level `errors`, or no usable answer). */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    readonly status?: number,
  ) {
    super(message);
    this.name = "GraphQLRequestError";
  }
}

/** Turns a parsed response into its data, or throws the first error with its code. */
export function unwrapResponse<T>(body: GraphQLResponseBody<T> | null, status: number): T {
  const first = body?.errors?.[0];
  if (first) throw new GraphQLRequestError(first.message, first.extensions?.code ?? "INTERNAL_SERVER_ERROR", status);
  if (!body?.data) throw new GraphQLRequestError(`The API answered ${status} without data.`, "INTERNAL_SERVER_ERROR", status);
  return body.data;
}

export function isErrorCode(error: unknown, ...codes: ErrorCode[]): error is GraphQLRequestError {
  return error instanceof GraphQLRequestError && codes.includes(error.code);
}
