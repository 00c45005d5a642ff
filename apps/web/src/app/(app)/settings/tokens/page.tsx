import type { Metadata } from "next";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { env } from "@/env";
import { graphql } from "@/server/graphql";
import { CreateTokenForm } from "./_components/create-token-form";
import { RevokeTokenButton } from "./_components/revoke-token-button";

export const metadata: Metadata = { title: "API tokens" };

const TOKENS = /* GraphQL */ `
  query ApiTokens {
    apiTokens(includeRevoked: true, first: 100) {
      edges { node { id name prefix createdAt lastUsedAt expiresAt revokedAt } }
    }
  }
`;

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export default async function TokensPage() {
  const data = await graphql<{ apiTokens: { edges: { node: TokenRow }[] } }>(TOKENS);
  const tokens = data.apiTokens.edges.map((edge) => edge.node);
  const now = Date.now();

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Personal tokens for scripts and the CLI. A token acts as you, with your role, until it expires or you revoke it."
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Create a token" description="The token is shown once. kao stores only its hash." />
          <div className="px-5 py-5">
            <CreateTokenForm apiUrl={`${env().KAO_API_URL}/graphql`} />
          </div>
        </Card>
        <Card className="overflow-hidden">
          <CardHeader title="Your tokens" />
          {tokens.length === 0 ? (
            <EmptyState title="No tokens yet">Create one above to call the API from a script.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="token-table">
                <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
                  <tr>
                    <th scope="col" className="px-5 py-3">Name</th>
                    <th scope="col" className="px-3 py-3">Token</th>
                    <th scope="col" className="px-3 py-3">Created</th>
                    <th scope="col" className="px-3 py-3">Last used</th>
                    <th scope="col" className="px-3 py-3">Expires</th>
                    <th scope="col" className="px-3 py-3">Status</th>
                    <th scope="col" className="px-5 py-3"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((token) => {
                    const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() < now;
                    const usable = !token.revokedAt && !expired;
                    return (
                      <tr key={token.id} data-testid="token-row" className={usable ? "" : "text-slate-500"}>
                        <td className="px-5 py-3 font-medium text-slate-900">{token.name}</td>
                        <td className="px-3 py-3 font-mono text-xs whitespace-nowrap">{token.prefix}…</td>
                        <td className="px-3 py-3 whitespace-nowrap"><DateTime value={token.createdAt} /></td>
                        <td className="px-3 py-3 whitespace-nowrap"><DateTime value={token.lastUsedAt} empty="Never" /></td>
                        <td className="px-3 py-3 whitespace-nowrap"><DateTime value={token.expiresAt} dateOnly empty="Never" /></td>
                        <td className="px-3 py-3">
                          {token.revokedAt ? (
                            <span title={`Revoked ${token.revokedAt}`}><Badge tone="red">Revoked</Badge></span>
                          ) : expired ? (
                            <Badge tone="amber">Expired</Badge>
                          ) : (
                            <Badge tone="green">Active</Badge>
                          )}
                        </td>
                        <td className="px-5 py-3 text-right">{token.revokedAt ? null : <RevokeTokenButton id={token.id} name={token.name} />}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
