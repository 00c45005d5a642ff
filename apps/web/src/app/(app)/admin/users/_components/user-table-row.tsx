"use client";

import { useState } from "react";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Button } from "@/components/button";
import { ConfirmButton } from "@/components/confirm-button";
import { DateTime } from "@/components/date-time";
import { OneTimeSecret } from "@/components/one-time-secret";
import { RoleSelect } from "@/components/role-select";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { isRole, type Role } from "@/lib/roles";
import { useMutation } from "@/lib/use-mutation";
import type { UserRow } from "../types";

const UPDATE_USER = /* GraphQL */ `
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      ${FAILURE_FIELDS}
      ... on UpdateUserSuccess { data { id role active } }
    }
  }
`;

const RESET_PASSWORD = /* GraphQL */ `
  mutation ResetUserPassword($id: ID!) {
    resetUserPassword(id: $id) {
      ${FAILURE_FIELDS}
      ... on ResetUserPasswordSuccess { data { generatedPassword } }
    }
  }
`;

type UpdateUserResult = MutationFailure | { __typename: "UpdateUserSuccess"; data: { id: string } };
type ResetResult = MutationFailure | { __typename: "ResetUserPasswordSuccess"; data: { generatedPassword: string | null } };

export function UserTableRow({ user, isViewer }: { user: UserRow; isViewer: boolean }) {
  const mutation = useMutation();
  const [pendingRole, setPendingRole] = useState<Role | null>(null);
  const [password, setPassword] = useState<string | null>(null);
  const [action, setAction] = useState<"role" | "active" | "reset" | null>(null);

  function update(input: { role?: Role; active?: boolean }) {
    mutation.run(async () => {
      const { updateUser } = await requestGraphQL<{ updateUser: UpdateUserResult }>(UPDATE_USER, { id: user.id, input });
      if (isFailure(updateUser)) {
        setPendingRole(null);
        return updateUser;
      }
    });
  }

  function resetPassword() {
    setAction("reset");
    mutation.run(
      async () => {
        const { resetUserPassword } = await requestGraphQL<{ resetUserPassword: ResetResult }>(RESET_PASSWORD, { id: user.id });
        if (isFailure(resetUserPassword)) return resetUserPassword;
        setPassword(resetUserPassword.data.generatedPassword);
      },
      { refresh: false },
    );
  }

  const label = user.name || user.email;
  return (
    <>
      <tr data-testid="user-row" data-email={user.email} className={user.active ? "" : "bg-slate-50/70"}>
        <td className="px-5 py-3">
          <p className={`font-medium ${user.active ? "text-slate-900" : "text-slate-500"}`}>
            {label}
            {isViewer ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
          </p>
          {user.name ? <p className="text-xs text-slate-500">{user.email}</p> : null}
        </td>
        <td className="px-3 py-3">
          <RoleSelect
            aria-label={`Role of ${user.email}`}
            value={pendingRole ?? user.role}
            disabled={mutation.pending}
            className="w-32 py-1.5"
            onChange={(event) => {
              if (!isRole(event.target.value)) return;
              setPendingRole(event.target.value);
              setAction("role");
              update({ role: event.target.value });
            }}
          />
        </td>
        <td className="px-3 py-3">{user.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>}</td>
        <td className="px-3 py-3 whitespace-nowrap text-slate-600">
          <DateTime value={user.lastLoginAt} empty="Never" />
        </td>
        <td className="px-5 py-3">
          <div className="flex items-center justify-end gap-1.5">
            <ConfirmButton variant="ghost" ariaLabel={`Reset password of ${user.email}`} question="New password?" confirmLabel="Reset" pending={mutation.pending && action === "reset"} onConfirm={resetPassword}>
              Reset password
            </ConfirmButton>
            {user.active ? (
              <ConfirmButton
                variant="secondary"
                ariaLabel={`Deactivate ${user.email}`}
                question="Deactivate?"
                confirmLabel="Deactivate"
                pending={mutation.pending && action === "active"}
                onConfirm={() => {
                  setAction("active");
                  update({ active: false });
                }}
              >
                Deactivate
              </ConfirmButton>
            ) : (
              <Button
                variant="secondary"
                size="sm"
                aria-label={`Reactivate ${user.email}`}
                pending={mutation.pending && action === "active"}
                onClick={() => {
                  setAction("active");
                  update({ active: true });
                }}
              >
                Reactivate
              </Button>
            )}
          </div>
        </td>
      </tr>
      {mutation.error || password ? (
        <tr>
          <td colSpan={5} className="px-5 pb-4">
            {mutation.error ? (
              <Alert
                title={mutation.failure?.__typename === "ConflictError" ? "Not changed" : undefined}
                action={
                  <Button variant="ghost" size="sm" onClick={mutation.reset}>
                    Dismiss
                  </Button>
                }
              >
                {mutation.error}
              </Alert>
            ) : password ? (
              <OneTimeSecret id={`password-${user.id}`} title={`New password for ${user.email}`} value={password} onDismiss={() => setPassword(null)} />
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
