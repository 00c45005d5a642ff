import { Card, CardHeader } from "@/components/card";
import { Badge } from "@/components/badge";
import { EmptyState } from "@/components/empty-state";
import { RoleBadge } from "@/components/role-badge";
import type { DatasetMemberRow } from "../types";
import { AddMemberForm } from "./add-member-form";
import { RemoveMemberButton } from "./remove-member-button";

export function MembersCard({
  datasetId,
  members,
  isAdmin,
  viewerId,
  more,
}: {
  datasetId: string;
  members: DatasetMemberRow[];
  isAdmin: boolean;
  viewerId: string;
  more: boolean;
}) {
  return (
    <Card>
      <CardHeader title="Members" description="Who can open and label this dataset." />
      {isAdmin ? (
        <div className="border-b border-slate-100 px-5 py-4">
          <AddMemberForm datasetId={datasetId} />
        </div>
      ) : null}
      {members.length === 0 ? (
        <EmptyState title="No members yet">{isAdmin ? "Add labellers by their email." : null}</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="member-list">
          {members.map((member) => (
            <li key={member.id} className="flex items-center gap-3 px-5 py-3" data-testid="member-row">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">
                  {member.user.name || member.user.email}
                  {member.user.id === viewerId ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
                </p>
                <p className="truncate text-xs text-slate-500" title={`${member.user.email}, added ${member.addedAt.slice(0, 10)}`}>
                  {member.user.email}
                </p>
              </div>
              <div className="flex shrink-0 items-center gap-2">
                {member.user.active ? null : <Badge tone="red">Deactivated</Badge>}
                <RoleBadge role={member.user.role} />
                {isAdmin ? <RemoveMemberButton datasetId={datasetId} userId={member.user.id} email={member.user.email} /> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {more ? <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">Showing the first 200 members.</p> : null}
    </Card>
  );
}
