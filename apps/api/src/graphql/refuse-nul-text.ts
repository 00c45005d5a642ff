import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, visit, type DocumentNode } from "graphql";
import { AppError, ErrorCode } from "../errors.ts";
import type { GraphQLContext } from "./context.ts";

/**
 * Whether an operation carries a NUL character (U+0000) in any string: an argument written in the
 * document or any string (or key) anywhere in the variables. Postgres text cannot hold NUL, so such a
 * value would only fail later, deep in a service, as an internal error.
 *
 * The variables are walked without recursion: JSON nested a few hundred thousand levels deep fits in a
 * request body, and a recursive walk would overflow the stack on it.
 */
export function hasNulText(document: DocumentNode, variables: unknown): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes("\u0000")) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  if (found) return true;
  const pending: unknown[] = [variables];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      if (value.includes("\u0000")) return true;
    } else if (Array.isArray(value)) {
      // One by one: spreading a huge array into push() overflows the call stack too.
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key.includes("\u0000")) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

/** Refuses operations with NUL characters in their text before anything runs (HTTP 400, BAD_USER_INPUT). */
export function refuseNulTextPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (hasNulText(document, request.variables)) {
            throw new AppError(ErrorCode.BAD_USER_INPUT, "Text must not contain NUL characters (\\u0000).", { http: { status: 400 } });
          }
        },
      };
    },
  };
}
