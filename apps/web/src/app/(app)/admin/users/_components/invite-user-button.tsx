"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { Field, describedBy, inputClass } from "@/components/field";
import { Modal } from "@/components/modal";
import { OneTimeSecret } from "@/components/one-time-secret";
import { RoleSelect } from "@/components/role-select";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";

const CREATE_USER = /* GraphQL */ `
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      ${FAILURE_FIELDS}
      ... on CreateUserSuccess { data { generatedPassword user { id email } } }
    }
  }
`;

type CreateUserResult =
  | MutationFailure
  | { __typename: "CreateUserSuccess"; data: { generatedPassword: string | null; user: { id: string; email: string } } };

export function InviteUserButton() {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ email: string; generatedPassword: string | null } | null>(null);
  const mutation = useMutation();
  const errors = mutation.fieldErrors;
  // A taken email is a ConflictError; show it at the email field.
  const emailError = errors["email"] ?? (mutation.failure?.__typename === "ConflictError" ? mutation.failure.message : undefined);
  const unplaced = mutation.error && !emailError && !errors["name"] && !errors["role"] && !errors["password"] ? mutation.error : null;

  function close() {
    setOpen(false);
    setCreated(null);
    mutation.reset();
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    mutation.run(async () => {
      const { createUser } = await requestGraphQL<{ createUser: CreateUserResult }>(CREATE_USER, {
        input: {
          email: String(form.get("email") ?? ""),
          name: String(form.get("name") ?? "").trim() || null,
          role: String(form.get("role") ?? "LABELER"),
          password: password || null,
        },
      });
      if (isFailure(createUser)) return createUser;
      setCreated({ email: createUser.data.user.email, generatedPassword: createUser.data.generatedPassword });
    });
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Invite user</Button>
      {open ? (
        <Modal title={created ? "User invited" : "Invite user"} description={created ? undefined : "They sign in with their email and the password you set or kao generates."} onClose={close} busy={mutation.pending}>
          {created ? (
            <div className="space-y-4">
              {created.generatedPassword ? (
                <OneTimeSecret id="generated-password" title={`Password for ${created.email}`} value={created.generatedPassword} />
              ) : (
                <Alert tone="success">{created.email} can now sign in with the password you chose.</Alert>
              )}
              <div className="flex justify-end">
                <Button onClick={close}>Done</Button>
              </div>
            </div>
          ) : (
            <form onSubmit={handleSubmit} className="space-y-5" aria-label="Invite user">
              {unplaced ? <Alert>{unplaced}</Alert> : null}
              <Field id="invite-email" label="Email" error={emailError}>
                <input id="invite-email" name="email" type="email" required autoFocus className={inputClass} {...describedBy("invite-email", emailError)} />
              </Field>
              <div className="grid gap-5 sm:grid-cols-2">
                <Field id="invite-name" label="Name" error={errors["name"]} hint="Optional.">
                  <input id="invite-name" name="name" maxLength={100} className={inputClass} {...describedBy("invite-name", errors["name"])} />
                </Field>
                <Field id="invite-role" label="Role" error={errors["role"]}>
                  <RoleSelect id="invite-role" name="role" defaultValue="LABELER" {...describedBy("invite-role", errors["role"])} />
                </Field>
              </div>
              <Field id="invite-password" label="Password" error={errors["password"]} hint="Leave empty and kao generates one, shown once.">
                <input id="invite-password" name="password" type="password" autoComplete="new-password" className={inputClass} {...describedBy("invite-password", errors["password"])} />
              </Field>
              <div className="flex justify-end gap-2 border-t border-slate-100 pt-4">
                <Button variant="secondary" onClick={close} disabled={mutation.pending}>
                  Cancel
                </Button>
                <Button type="submit" pending={mutation.pending}>
                  Invite user
                </Button>
              </div>
            </form>
          )}
        </Modal>
      ) : null}
    </>
  );
}
