import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { Prisma } from "@kao/db";
import { databaseUnavailable, formatDatabaseErrors, isDatabaseUnavailable } from "./database-unavailable.ts";

// The shapes below are the ones seen while a real Postgres was stopped under the API
// (test/reliability/faults-postgres-restart.test.ts).
const unreachable = new Prisma.PrismaClientKnownRequestError("Can't reach database server at 127.0.0.1:5432", {
  code: "P2010",
  clientVersion: "7",
  meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 } } },
});
const shutdown = new Prisma.PrismaClientKnownRequestError("terminating connection due to administrator command", {
  code: "P2010",
  clientVersion: "7",
  meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "postgres", code: "57P01", message: "terminating connection due to administrator command" } } },
});
const inResolver = (error: Error) => new GraphQLError(error.message, { path: ["submitLabels"], originalError: error });

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable or restarting database, however wrapped", () => {
    expect(isDatabaseUnavailable(unreachable)).toBe(true);
    expect(isDatabaseUnavailable(inResolver(shutdown))).toBe(true);
    expect(isDatabaseUnavailable(new Prisma.PrismaClientKnownRequestError("Can't reach database server", { code: "P1001", clientVersion: "7" }))).toBe(true);
    expect(isDatabaseUnavailable(inResolver(new Error("Client has encountered a connection error and is not queryable")))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
  });

  it("leaves other failures alone: bugs, constraint violations, our own errors, look-alike messages", () => {
    expect(isDatabaseUnavailable(new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "7" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable(new Error("connect ECONNREFUSED 10.0.0.5:5432"))).toBe(false);
    expect(isDatabaseUnavailable(databaseUnavailable())).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe("formatDatabaseErrors", () => {
  it("answers SERVICE_UNAVAILABLE without details for an outage, and leaves the rest to the wrapped formatter", () => {
    const format = formatDatabaseErrors(() => ({ message: "masked", extensions: { code: "INTERNAL_SERVER_ERROR" } }));
    const outage = format({ message: unreachable.message, path: ["nextFrames"] }, inResolver(unreachable));
    expect(outage).toEqual({ message: expect.stringMatching(/database is unavailable/), path: ["nextFrames"], locations: undefined, extensions: { code: "SERVICE_UNAVAILABLE" } });
    expect(JSON.stringify(outage)).not.toMatch(/127\.0\.0\.1|P2010/);
    expect(format({ message: "boom" }, new Error("boom"))).toEqual({ message: "masked", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });
});
