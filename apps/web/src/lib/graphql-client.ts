import { GraphQLRequestError, isErrorCode, unwrapResponse, type GraphQLResponseBody } from "./graphql-errors";

/** Browser → same-origin /graphql proxy → API, with the session cookie. Throws GraphQLRequestError. */
export async function requestGraphQL<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
      credentials: "same-origin",
    });
  } catch {
    throw new GraphQLRequestError("Cannot reach kao. Check your connection and try again.", "API_UNAVAILABLE");
  }
  const body = (await response.json().catch(() => null)) as GraphQLResponseBody<T> | null;
  try {
    return unwrapResponse(body, response.status);
  } catch (error) {
    if (isErrorCode(error, "UNAUTHENTICATED")) window.location.assign("/signin?error=SessionRequired");
    throw error;
  }
}
