import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { isErrorCode } from "@/lib/graphql-errors";
import { postToApi } from "./post-to-api";
import { readSessionToken } from "./session-token";

/**
 * Runs a GraphQL operation as the signed-in user: the raw session JWT goes to the API as a bearer token,
 * and the API re-reads the user on every request. No session, or one the API refuses → /signin.
 */
export async function graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const token = await readSessionToken();
  if (!token) redirect("/signin");
  const forwardedFor = (await headers()).get("x-forwarded-for");
  try {
    return await postToApi<T>({
      query,
      variables,
      headers: { authorization: `Bearer ${token}`, ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}) },
    });
  } catch (error) {
    if (isErrorCode(error, "UNAUTHENTICATED")) redirect("/signin?error=SessionRequired");
    throw error;
  }
}

/** Like graphql(), but "not found" (or a malformed id) renders the nearest not-found page. */
export async function graphqlOrNotFound<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  try {
    return await graphql<T>(query, variables);
  } catch (error) {
    if (isErrorCode(error, "NOT_FOUND", "BAD_USER_INPUT")) notFound();
    throw error;
  }
}
