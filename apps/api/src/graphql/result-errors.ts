import { z } from "zod";
import { builder } from "./builder.ts";

/**
 * Expected failures of a mutation, returned as typed results (`... on ValidationError`) rather than
 * top-level errors, so forms can show them next to the field that caused them.
 */
export class InputValidationError extends Error {
  constructor(message: string, readonly inputErrors: { path: string; message: string }[] = []) {
    super(message);
    this.name = "InputValidationError";
  }

  static fromZod(error: z.ZodError): InputValidationError {
    const inputErrors = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return new InputValidationError(inputErrors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join("; "), inputErrors);
  }
}

/** The operation conflicts with existing data (a duplicate name, the last admin, …). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Parses input with a zod schema, turning failures into a typed ValidationError result. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw InputValidationError.fromZod(result.error);
  return result.data;
}

const ErrorInterface = builder.interfaceRef<Error>("Error").implement({
  description: "An expected failure of a mutation.",
  fields: (t) => ({ message: t.exposeString("message", { description: "What went wrong, for people." }) }),
});

const InputErrorRef = builder.objectRef<{ path: string; message: string }>("InputError").implement({
  description: "A problem with one input field.",
  fields: (t) => ({
    path: t.exposeString("path", { description: "Dotted path of the field, e.g. `email`." }),
    message: t.exposeString("message"),
  }),
});

builder.objectType(InputValidationError, {
  name: "ValidationError",
  description: "The input was not valid; nothing was changed.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InputValidationError,
  fields: (t) => ({ inputErrors: t.field({ type: [InputErrorRef], resolve: (error) => error.inputErrors }) }),
});

builder.objectType(ConflictError, {
  name: "ConflictError",
  description: "The change conflicts with existing data; nothing was changed.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
  fields: () => ({}),
});
