import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Badge } from "@/components/badge";
import { Card, CardHeader } from "@/components/card";
import { DateTime } from "@/components/date-time";
import { PageHeader } from "@/components/page-header";
import { ExportLinks } from "@/components/splits/export-links";
import { LeakageReport } from "@/components/splits/leakage-report";
import { LockSplitButton } from "@/components/splits/lock-split-button";
import { formatRatios } from "@/components/splits/ratios";
import { SplitBalanceTable } from "@/components/splits/split-balance-table";
import { SplitBar } from "@/components/splits/split-bar";
import {
  LEAKAGE_FIELDS,
  SPLIT_VERSION_SUMMARY_FIELDS,
  TITLE_SPLIT_FIELDS,
  parseLeakageDistance,
  type LeakageData,
  type SplitVersionSummary,
  type TitleSplitCounts,
} from "@/components/splits/split-data";
import { TitleSplitTable } from "@/components/splits/title-split-table";
import { plural } from "@/lib/format";
import { personName } from "@/lib/labelling/labels";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { FeatureLeakageCard } from "./_components/feature-leakage-card";
import { loadFeatureLeakage } from "./_components/load-feature-leakage";

/** Nearest pairs shown: enough to judge a leak by eye, few enough to load quickly. */
const LEAKAGE_SAMPLE = 24;

const SPLIT_VERSION_PAGE = /* GraphQL */ `
  query SplitVersionPage($id: ID!, $maxDistance: Int!, $sample: Int!) {
    splitVersion(id: $id) {
      ${SPLIT_VERSION_SUMMARY_FIELDS}
      dataset { id name }
      titles { ${TITLE_SPLIT_FIELDS} }
    }
    leakageReport(splitVersionId: $id, maxDistance: $maxDistance, sample: $sample) { ${LEAKAGE_FIELDS} }
  }
`;

interface SplitVersionPageData {
  splitVersion: SplitVersionSummary & { dataset: { id: string; name: string }; titles: TitleSplitCounts[] };
  leakageReport: LeakageData;
}

type Params = Promise<{ id: string; versionId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const load = cache(async (datasetId: string, versionId: string, maxDistance: number) => {
  const data = await graphqlOrNotFound<SplitVersionPageData>(SPLIT_VERSION_PAGE, { id: versionId, maxDistance, sample: LEAKAGE_SAMPLE });
  // A version of another dataset under this dataset's URL is not a page.
  if (data.splitVersion.dataset.id !== datasetId) notFound();
  return data;
});

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: SearchParams }): Promise<Metadata> {
  const { id, versionId } = await params;
  const { splitVersion } = await load(id, versionId, parseLeakageDistance((await searchParams)["distance"]));
  return { title: `Split ${splitVersion.name} · ${splitVersion.dataset.name}` };
}

export default async function SplitVersionPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id, versionId } = await params;
  const query = await searchParams;
  const distance = parseLeakageDistance(query["distance"]);
  const viewerLoad = getViewer();
  // The feature report reads every vector of the version: admins and reviewers only, as the API allows.
  const [viewer, data, featureLeakage] = await Promise.all([
    viewerLoad,
    load(id, versionId, distance),
    viewerLoad.then((who) =>
      who.role === "ADMIN" || who.role === "REVIEWER" ? loadFeatureLeakage({ datasetId: id, versionId, backbone: query["backbone"], similarity: query["similarity"] }) : null,
    ),
  ]);
  const version = data.splitVersion;
  const isAdmin = viewer.role === "ADMIN";
  const canExport = isAdmin || viewer.role === "REVIEWER";

  return (
    <>
      <PageHeader
        eyebrow={
          <span className="flex flex-wrap gap-x-1.5">
            <Link prefetch={false} href={`/datasets/${version.dataset.id}`} className="hover:text-slate-700">
              ← {version.dataset.name}
            </Link>
            <span aria-hidden="true">/</span>
            <Link prefetch={false} href={`/datasets/${version.dataset.id}/splits`} className="hover:text-slate-700">
              Splits
            </Link>
          </span>
        }
        title={`Split ${version.name}`}
        description={
          <span className="block space-y-1" data-testid="version-meta">
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              {version.current ? <Badge tone="indigo">Current</Badge> : null}
              {version.locked ? <Badge tone="slate">Locked</Badge> : <Badge tone="amber">Not locked</Badge>}
              <span className="tabular-nums">
                {plural(version.frameCount, "frame")} · train / validation / test {formatRatios(version.ratios)} · seed <span className="font-mono">{version.seed}</span>
              </span>
            </span>
            <span className="block text-xs text-slate-500">
              Made {version.createdBy ? `by ${personName(version.createdBy)} ` : ""}on <DateTime value={version.createdAt} />
              {version.lockedAt ? (
                <>
                  {" · locked "}
                  <DateTime value={version.lockedAt} />
                </>
              ) : null}
            </span>
          </span>
        }
        actions={
          <>
            {canExport ? <ExportLinks urls={version.exportUrls} versionName={version.name} /> : null}
            {isAdmin && !version.locked ? <LockSplitButton version={version} /> : null}
          </>
        }
      />
      {version.pendingCount > 0 || version.staleCount > 0 ? (
        <p className="mb-4 rounded-lg bg-amber-50 px-4 py-2.5 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset">
          {version.pendingCount > 0 ? `${plural(version.pendingCount, "frame")} labelled since ${version.pendingCount === 1 ? "is" : "are"} not in this split. ` : ""}
          {version.staleCount > 0 ? `${plural(version.staleCount, "frame")} contradict${version.staleCount === 1 ? "s" : ""} a title's distinct setting. ` : ""}
          <Link prefetch={false} href={`/datasets/${version.dataset.id}/splits`} className="font-medium underline">
            {isAdmin && !version.locked ? "Append or resplit on the splits page" : "See the splits page"}
          </Link>
        </p>
      ) : null}
      <div className="space-y-6">
        <Card>
          <CardHeader title="Splits" description="Frames per split and their labels now. Distinct test holds whole titles; train, validation and test share the other titles." />
          <div className="px-5 pt-4 pb-2">
            <SplitBar splits={version.splits} label={`Frames of split ${version.name}`} compact />
          </div>
          <SplitBalanceTable splits={version.splits} />
        </Card>
        <Card>
          <CardHeader
            title="Leakage"
            description="Pairs of frames in different splits whose 64-bit difference hashes are within the chosen distance. Scenes are split whole, so leaks come from look-alike shots in different scenes."
          />
          <LeakageReport report={data.leakageReport} />
        </Card>
        {featureLeakage ? <FeatureLeakageCard datasetId={version.dataset.id} state={featureLeakage} /> : null}
        <Card>
          <CardHeader title="By title" description="Face / no face frames of each title in each split, with the share of faces." />
          {version.titles.length > 0 ? <TitleSplitTable titles={version.titles} /> : <p className="px-5 py-4 text-sm text-slate-500">No frames in this version.</p>}
        </Card>
      </div>
    </>
  );
}
