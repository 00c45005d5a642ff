import type { ApolloServerPlugin } from "@apollo/server";
import { BREAK, visit, type DocumentNode } from "graphql";
import { AppError, ErrorCode } from "../errors.ts";
import type { GraphQLContext } from "./context.ts";

/**
 * NUL (Postgres text cannot hold it) or a UTF-16 surrogate without its pair (JSON can carry "\ud800",
 * but it has no UTF-8 encoding, and the database driver refuses it). With the `u` flag a well-formed
 * pair is one code point, so \p{Cs} matches only lone halves.
 */
const UNSTORABLE = /[\u0000\p{Cs}]/u;

/**
 * Whether an operation carries text Postgres cannot store in any string: an argument written in the
 * document or any string (or key) anywhere in the variables. Such a value would only fail later, deep
 * in a service, as an internal error (found by the hostile-graphql fuzz test: a token named "\ud800").
 *
 * The variables are walked without recursion: JSON nested a few hundred thousand levels deep fits in a
 * request body, and a recursive walk would overflow the stack on it.
 */
export function hasUnstorableText(document: DocumentNode, variables: unknown): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (UNSTORABLE.test(node.value)) {
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
      if (UNSTORABLE.test(value)) return true;
    } else if (Array.isArray(value)) {
      // One by one: spreading a huge array into push() overflows the call stack too.
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

/** Refuses operations with unstorable text before anything runs (HTTP 400, BAD_USER_INPUT). */
export function refuseUnstorableTextPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (hasUnstorableText(document, request.variables)) {
            throw new AppError(ErrorCode.BAD_USER_INPUT, "Text must be valid Unicode without NUL characters (\\u0000) or unpaired surrogates (\\ud800–\\udfff).", { http: { status: 400 } });
          }
        },
      };
    },
  };
}
