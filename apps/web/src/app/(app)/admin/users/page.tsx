import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { Forbidden } from "@/components/forbidden";
import { PageHeader } from "@/components/page-header";
import { SearchForm } from "@/components/search-form";
import { graphql } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { InviteUserButton } from "./_components/invite-user-button";
import { UserTableRow } from "./_components/user-table-row";
import type { UserRow } from "./types";

export const metadata: Metadata = { title: "Users" };

const USERS = /* GraphQL */ `
  query Users($search: String, $includeDeactivated: Boolean, $after: String) {
    users(search: $search, includeDeactivated: $includeDeactivated, after: $after, first: 100) {
      edges { node { id email name role active lastLoginAt createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface UsersData {
  users: { edges: { node: UserRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await getViewer();
  if (viewer.role !== "ADMIN") return <Forbidden what="Only admins can manage users." />;

  const params = await searchParams;
  const search = typeof params["q"] === "string" ? params["q"].trim() : "";
  const includeDeactivated = params["all"] === "1";
  const after = typeof params["after"] === "string" ? params["after"] : null;
  const data = await graphql<UsersData>(USERS, { search: search || null, includeDeactivated, after });
  const users = data.users.edges.map((edge) => edge.node);
  const next = data.users.pageInfo.hasNextPage ? data.users.pageInfo.endCursor : null;

  return (
    <>
      <PageHeader title="Users" description="Invite labellers, change roles, and deactivate accounts that should no longer sign in." actions={<InviteUserButton />} />
      <div className="mb-5">
        <SearchForm action="/admin/users" defaultValue={search} placeholder="Search by email or name" label="Search users">
          <label className="inline-flex items-center gap-2 px-1 text-sm text-slate-700">
            <input type="checkbox" name="all" value="1" defaultChecked={includeDeactivated} className="size-4 rounded border-slate-300 accent-indigo-600" />
            Include deactivated
          </label>
        </SearchForm>
      </div>
      <Card className="overflow-hidden">
        {users.length === 0 ? (
          <EmptyState title={search ? `No user matches “${search}”` : "No users"}>
            {includeDeactivated ? null : "Deactivated users are hidden; tick “Include deactivated” to see them."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="user-table">
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-5 py-3">User</th>
                  <th scope="col" className="px-3 py-3">Role</th>
                  <th scope="col" className="px-3 py-3">Status</th>
                  <th scope="col" className="px-3 py-3">Last sign-in</th>
                  <th scope="col" className="px-5 py-3 text-right">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {users.map((user) => (
                  <UserTableRow key={user.id} user={user} isViewer={user.id === viewer.id} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {next ? (
        <div className="mt-6 flex justify-center">
          <Link
            className={buttonClass("secondary")}
            href={`/admin/users?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(includeDeactivated ? { all: "1" } : {}), after: next })}`}
          >
            More users
          </Link>
        </div>
      ) : null}
    </>
  );
}
