import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError, ErrorCode, forbidden } from "../errors.ts";
import { formatError } from "./format-error.ts";

/** What Apollo hands formatError for an error thrown in a resolver: the formatted error and the wrapped original. */
function fromResolver(thrown: unknown): [GraphQLFormattedError, unknown] {
  const wrapped = new GraphQLError(thrown instanceof Error ? thrown.message : String(thrown), {
    path: ["dataset", "name"],
    originalError: thrown instanceof Error ? thrown : undefined,
  });
  const formatted: GraphQLFormattedError = {
    ...wrapped.toJSON(),
    extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: (thrown instanceof Error ? thrown.stack ?? "" : "").split("\n") },
  };
  return [formatted, wrapped];
}

// The masked error is logged on stderr; keep it out of the test output, and look at it.
const silenceStderr = () => vi.spyOn(process.stderr, "write").mockImplementation(() => true);
let stderr: ReturnType<typeof silenceStderr>;
beforeEach(() => {
  stderr = silenceStderr();
});
afterEach(() => stderr.mockRestore());

describe("formatError", () => {
  it("masks an unexpected error: generic message, no stack, only the code", () => {
    const secret = new Error('connect ECONNREFUSED 10.0.0.5:5432 (user "kao", password in /etc/kao)');
    const result = formatError(...fromResolver(secret));
    expect(result).toEqual({ message: "Internal server error.", path: ["dataset", "name"], extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
    expect(JSON.stringify(result)).not.toMatch(/ECONNREFUSED|stack|\.ts:/);
  });

  it("logs the masked error with its stack on stderr, for operators", () => {
    formatError(...fromResolver(new Error("kaboom")));
    const logged = stderr.mock.calls.map((call) => String(call[0])).join("");
    expect(logged).toContain("kaboom");
    expect(logged).toContain("format-error.test.ts");
  });

  it("masks non-Error throwables too", () => {
    expect(formatError(...fromResolver("a string"))).toMatchObject({ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it("passes an AppError through with its message and code, without internal extensions", () => {
    const error = forbidden("Admins only.");
    error.extensions["http"] = { status: 403 };
    const result = formatError(...fromResolver(error));
    expect(result).toEqual({ message: "Admins only.", path: ["dataset", "name"], extensions: { code: "FORBIDDEN" } });
  });

  it("keeps an AppError's public extras (e.g. retryAfterSeconds)", () => {
    const error = new AppError(ErrorCode.RATE_LIMITED, "Slow down.", { retryAfterSeconds: 900 });
    expect(formatError(...fromResolver(error)).extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: 900 });
  });

  it("passes Apollo's request errors through, dropping everything but the code", () => {
    const formatted: GraphQLFormattedError = {
      message: 'Syntax Error: Expected Name, found "}".',
      locations: [{ line: 1, column: 3 }],
      extensions: { code: "GRAPHQL_PARSE_FAILED", stacktrace: ["GraphQLError: Syntax Error", "    at parse (graphql/language/parser.js:1:1)"] },
    };
    expect(formatError(formatted, new GraphQLError(formatted.message))).toEqual({
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: "GRAPHQL_PARSE_FAILED" },
    });
  });

  it("masks an error that claims a code it may not use", () => {
    const formatted: GraphQLFormattedError = { message: "relation \"User\" does not exist", extensions: { code: "P2021" } };
    expect(formatError(formatted, new Error(formatted.message))).toMatchObject({ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });
});

describe("formatError for a document too deep to parse", () => {
  it("says so instead of passing on the parser's stack overflow", () => {
    const overflow = new RangeError("Maximum call stack size exceeded");
    const parseError = new GraphQLError(overflow.message, { originalError: new GraphQLError(overflow.message, { originalError: overflow }), extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    const result = formatError({ message: overflow.message, extensions: { code: "GRAPHQL_PARSE_FAILED" } }, parseError);
    expect(result).toEqual({ message: "The query is nested too deeply to parse.", extensions: { code: "GRAPHQL_PARSE_FAILED" } });
  });

  it("leaves ordinary syntax errors as they are", () => {
    const syntax = new GraphQLError("Syntax Error: Expected Name, found <EOF>.", { extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    expect(formatError({ message: syntax.message, extensions: { code: "GRAPHQL_PARSE_FAILED" } }, syntax).message).toBe(syntax.message);
  });
});
