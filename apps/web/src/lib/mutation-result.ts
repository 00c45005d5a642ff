/** The typed failures a mutation may return (see `ValidationError` and `ConflictError` in the API schema). */
export type MutationFailure =
  | { __typename: "ValidationError"; message: string; inputErrors: { path: string; message: string }[] }
  | { __typename: "ConflictError"; message: string };

/** Spread into every mutation's selection so failures come back with what a form needs. */
export const FAILURE_FIELDS = `
  __typename
  ... on Error { message }
  ... on ValidationError { inputErrors { path message } }
`;

export function isFailure(result: { __typename: string }): result is MutationFailure {
  return result.__typename === "ValidationError" || result.__typename === "ConflictError";
}

/** Field → message, keyed by the last segment of the API's dotted path (`input.name` → `name`). */
export function fieldErrors(failure: MutationFailure | null): Record<string, string> {
  if (failure?.__typename !== "ValidationError") return {};
  const errors: Record<string, string> = {};
  for (const { path, message } of failure.inputErrors) {
    const key = path.split(".").at(-1) ?? path;
    errors[key] ??= message;
  }
  return errors;
}
