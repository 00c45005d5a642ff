"use client";

import { useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Button } from "@/components/button";
import { CopyButton } from "@/components/copy-button";
import { Field, describedBy, inputClass } from "@/components/field";
import { OneTimeSecret } from "@/components/one-time-secret";
import { requestGraphQL } from "@/lib/graphql-client";
import { FAILURE_FIELDS, isFailure, type MutationFailure } from "@/lib/mutation-result";
import { useMutation } from "@/lib/use-mutation";

const CREATE_TOKEN = /* GraphQL */ `
  mutation CreateApiToken($name: String!, $expiresInDays: Int) {
    createApiToken(name: $name, expiresInDays: $expiresInDays) {
      ${FAILURE_FIELDS}
      ... on CreateApiTokenSuccess { data { token apiToken { id name } } }
    }
  }
`;

type CreateTokenResult = MutationFailure | { __typename: "CreateApiTokenSuccess"; data: { token: string; apiToken: { id: string; name: string } } };

function curlExample(token: string, apiUrl: string) {
  return `curl -H "Authorization: Bearer ${token}" -H "content-type: application/json" -d '{"query":"{ me { email role } }"}' ${apiUrl}`;
}

export function CreateTokenForm({ apiUrl }: { apiUrl: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const mutation = useMutation();
  const errors = mutation.fieldErrors;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get("expiresInDays") ?? "").trim();
    setCreated(null);
    mutation.run(async () => {
      const { createApiToken } = await requestGraphQL<{ createApiToken: CreateTokenResult }>(CREATE_TOKEN, {
        name: String(form.get("name") ?? ""),
        expiresInDays: days ? Number(days) : null,
      });
      if (isFailure(createApiToken)) return createApiToken;
      setCreated({ token: createApiToken.data.token, name: createApiToken.data.apiToken.name });
      formRef.current?.reset();
    });
  }

  return (
    <div className="space-y-5">
      <form ref={formRef} onSubmit={handleSubmit} aria-label="Create API token" className="flex flex-wrap items-start gap-4">
        <Field id="token-name" label="Name" error={errors["name"]} hint="What uses it, e.g. “import script”." className="min-w-56 flex-1">
          <input id="token-name" name="name" required maxLength={100} className={inputClass} {...describedBy("token-name", errors["name"])} />
        </Field>
        <Field id="token-expiry" label="Expires after (days)" error={errors["expiresInDays"]} hint="Empty: never." className="w-44">
          <input id="token-expiry" name="expiresInDays" type="number" min={1} max={3650} placeholder="90" className={inputClass} {...describedBy("token-expiry", errors["expiresInDays"])} />
        </Field>
        <div className="pt-6.5">
          <Button type="submit" pending={mutation.pending}>
            Create token
          </Button>
        </div>
      </form>
      {mutation.error && !errors["name"] && !errors["expiresInDays"] ? <Alert>{mutation.error}</Alert> : null}
      {created ? (
        <OneTimeSecret id="new-token" title={`Token “${created.name}”`} value={created.token} onDismiss={() => setCreated(null)}>
          <div className="mt-4">
            <div className="flex items-center justify-between gap-2">
              <p className="text-xs font-medium text-emerald-900">Try it:</p>
              <CopyButton value={curlExample(created.token, apiUrl)} label="Copy command" />
            </div>
            <pre data-testid="curl-example" className="mt-1.5 rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed break-all whitespace-pre-wrap text-slate-100">
              {curlExample(created.token, apiUrl)}
            </pre>
          </div>
        </OneTimeSecret>
      ) : null}
    </div>
  );
}
