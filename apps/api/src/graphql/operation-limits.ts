import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from "graphql";
import { AppError, ErrorCode } from "../errors.ts";
import { QUERY_LIMITS } from "./builder.ts";
import type { GraphQLContext } from "./context.ts";

interface Size {
  /** Deepest nesting of fields. */
  depth: number;
  /** Number of fields selected, fragments expanded. */
  breadth: number;
}

/**
 * Depth and breadth of a selection set, counting every field. Pothos' complexity plugin checks only
 * when a root field of our schema resolves and does not look inside introspection fields, so an
 * introspection-only or `__typename`-only operation would otherwise be unlimited.
 * Fragments are measured once each, so reusing them cannot make this exponential.
 */
export function measureSelectionSet(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Size {
  const measured = new Map<string, Size>();
  const visiting = new Set<string>();

  function measure(set: SelectionSetNode): Size {
    let depth = 0;
    let breadth = 0;
    for (const selection of set.selections) {
      let size: Size;
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? measure(selection.selectionSet) : { depth: 0, breadth: 0 };
        size = { depth: inner.depth + 1, breadth: inner.breadth + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        size = measure(selection.selectionSet);
      } else {
        size = measureFragment(selection.name.value);
      }
      depth = Math.max(depth, size.depth);
      breadth += size.breadth;
    }
    return { depth, breadth };
  }

  function measureFragment(name: string): Size {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown or cyclic fragments fail validation before this runs; count them as empty.
    if (!fragment || visiting.has(name)) return { depth: 0, breadth: 0 };
    visiting.add(name);
    const size = measure(fragment.selectionSet);
    visiting.delete(name);
    measured.set(name, size);
    return size;
  }

  return measure(selectionSet);
}

function fragmentsOf(document: DocumentNode) {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * Introspection is on for tools, and graphql's own introspection query (getIntrospectionQuery with every
 * option: depth 15, breadth 229) is deeper and broader than any query of our schema needs. Operations that
 * only introspect (`__schema`, `__type`) get this allowance; anything else gets QUERY_LIMITS.
 */
export const INTROSPECTION_LIMITS = { depth: 15, breadth: 250 } as const;

function onlyIntrospects(operation: OperationDefinitionNode) {
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && (selection.name.value === "__schema" || selection.name.value === "__type"),
  );
}

/**
 * Parsing itself must be bounded: graphql's parser recurses once per nesting level (a 1 MB body of `{ a`
 * overflows the stack) and its field-merging validation is quadratic in repeated fields (`{ me { id id … } }`),
 * both before the limits above are checked. A token cap refuses either at parse time. The standard
 * introspection query has under 200 tokens; 200 fields with arguments and aliases stay well under this.
 */
export const PARSE_OPTIONS = { maxTokens: 5000 } as const;

/** Refuses an operation deeper or broader than its limits before anything runs (HTTP 400, QUERY_TOO_COMPLEX). */
export function operationLimitsPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document }) {
          if (!operation) return;
          const limits = onlyIntrospects(operation) ? INTROSPECTION_LIMITS : QUERY_LIMITS;
          const size = measureSelectionSet(operation.selectionSet, fragmentsOf(document));
          for (const kind of ["depth", "breadth"] as const) {
            if (size[kind] > limits[kind]) {
              throw new AppError(ErrorCode.QUERY_TOO_COMPLEX, `Query ${kind} ${size[kind]} is over the limit of ${limits[kind]}.`, {
                kind,
                http: { status: 400 },
              });
            }
          }
        },
      };
    },
  };
}
