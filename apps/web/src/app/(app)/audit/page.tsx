import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { Forbidden } from "@/components/forbidden";
import { PageHeader } from "@/components/page-header";
import { graphql } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { AuditFilterForm } from "./_components/audit-filter-form";
import { AuditTable } from "./_components/audit-table";
import { auditVariables, nextPageHref, readAuditFilters } from "./audit-filters";
import type { AuditEntryRow } from "./types";

export const metadata: Metadata = { title: "Audit log" };

const AUDIT_LOG = /* GraphQL */ `
  query AuditLog($datasetId: ID, $actorId: ID, $action: String, $from: DateTime, $to: DateTime, $after: String) {
    auditLog(datasetId: $datasetId, actorId: $actorId, action: $action, from: $from, to: $to, after: $after, first: 100) {
      edges { node { id source action actor { id email } datasetId datasetName targetType targetId details createdAt } }
      pageInfo { hasNextPage endCursor }
    }
    datasets(first: 200) { edges { node { id name } } }
  }
`;
const USERS = /* GraphQL */ `
  query AuditUsers {
    users(first: 200, includeDeactivated: true) { edges { node { id email } } }
  }
`;

interface AuditData {
  auditLog: { edges: { node: AuditEntryRow }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  datasets: { edges: { node: { id: string; name: string } }[] };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await getViewer();
  if (viewer.role !== "ADMIN" && viewer.role !== "REVIEWER") {
    return <Forbidden title="Admins and reviewers only" what="The audit log is for admins, and for reviewers about their datasets." />;
  }

  const filters = readAuditFilters(await searchParams);
  const [data, users] = await Promise.all([
    graphql<AuditData>(AUDIT_LOG, auditVariables(filters)),
    viewer.role === "ADMIN" ? graphql<{ users: { edges: { node: { id: string; email: string } }[] } }>(USERS) : null,
  ]);
  const entries = data.auditLog.edges.map((edge) => edge.node);
  const next = data.auditLog.pageInfo.hasNextPage ? data.auditLog.pageInfo.endCursor : null;
  const filtered = Boolean(filters.dataset || filters.actor || filters.action || filters.from || filters.to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          viewer.role === "ADMIN"
            ? "Who did what, newest first: admin actions and every label change."
            : "Who did what in your datasets, newest first: actions and every label change."
        }
      />
      <div className="mb-5">
        <AuditFilterForm filters={filters} datasets={data.datasets.edges.map((edge) => edge.node)} users={users ? users.users.edges.map((edge) => edge.node) : null} />
      </div>
      <Card className="overflow-hidden">
        {entries.length === 0 ? (
          <EmptyState title={filtered ? "No entry matches these filters" : "Nothing recorded yet"}>
            {filtered ? "Widen the dates or clear a filter." : null}
          </EmptyState>
        ) : (
          <AuditTable entries={entries} />
        )}
      </Card>
      {next ? (
        <div className="mt-6 flex justify-center">
          <Link className={buttonClass("secondary")} href={nextPageHref(filters, next)}>
            Older entries
          </Link>
        </div>
      ) : null}
    </>
  );
}
