import type { ApiToken as ApiTokenRow, User as UserRow } from "./generated/prisma/client.ts";

/** A user as queries return it: the password hash is omitted by default (see client.ts). */
export type User = Omit<UserRow, "passwordHash">;
/** An API token as queries return it: the token hash is omitted by default. */
export type ApiToken = Omit<ApiTokenRow, "tokenHash">;
