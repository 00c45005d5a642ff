import "server-only";
import { env } from "@/env";
import { GraphQLRequestError, unwrapResponse, type GraphQLResponseBody } from "@/lib/graphql-errors";

/** One GraphQL POST to the API from the web server; throws GraphQLRequestError on any failure. */
export async function postToApi<T>(options: {
  query: string;
  variables?: Record<string, unknown> | undefined;
  headers?: Record<string, string>;
}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${env().KAO_API_URL}/graphql`, {
      method: "POST",
      // Apollo's CSRF prevention wants a non-simple request; JSON is one.
      headers: { "content-type": "application/json", accept: "application/json", ...options.headers },
      body: JSON.stringify({ query: options.query, variables: options.variables }),
      cache: "no-store",
    });
  } catch (error) {
    console.error("kao API unreachable", error);
    throw new GraphQLRequestError("Cannot reach the kao API. Try again in a moment.", "API_UNAVAILABLE");
  }
  const body = (await response.json().catch(() => null)) as GraphQLResponseBody<T> | null;
  return unwrapResponse(body, response.status);
}
