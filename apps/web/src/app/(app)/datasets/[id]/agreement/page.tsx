import type { Metadata } from "next";
import Link from "next/link";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { LabellingHeader } from "@/components/labelling/labelling-header";
import { agreementBand, formatCoefficient, formatShare } from "@/lib/labelling/agreement";
import { personName } from "@/lib/labelling/labels";
import { graphqlOrNotFound } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { FigureCard } from "./_components/figure-card";
import { PairMatrix } from "./_components/pair-matrix";
import { TitleBars } from "./_components/title-bars";
import { AGREEMENT_FIELDS, type AgreementData } from "./types";

export const metadata: Metadata = { title: "Agreement" };

const AGREEMENT = /* GraphQL */ `
  query AgreementPage($id: ID!, $titleId: ID) {
    dataset(id: $id) { id name overlap titles { id name } }
    agreement(datasetId: $id, titleId: $titleId) { ${AGREEMENT_FIELDS} }
  }
`;

interface AgreementPageData {
  dataset: { id: string; name: string; overlap: number; titles: { id: string; name: string }[] };
  agreement: AgreementData;
}

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AgreementPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const title = (await searchParams)["title"];
  const titleId = typeof title === "string" && UUID.test(title) ? title : null;
  const [viewer, data] = await Promise.all([getViewer(), graphqlOrNotFound<AgreementPageData>(AGREEMENT, { id, titleId })]);
  const { dataset, agreement } = data;
  const seesPeople = viewer.role === "ADMIN" || viewer.role === "REVIEWER";
  const chosenTitle = dataset.titles.find((item) => item.id === titleId);

  return (
    <>
      <LabellingHeader datasetId={dataset.id} datasetName={dataset.name} title={chosenTitle ? `Agreement · ${chosenTitle.name}` : "Agreement"} mode="agreement" />
      <p className="mb-4 max-w-3xl text-sm text-slate-600">
        How often labellers agree, over frames with two or more labels (Face, No face and Unsure as three categories). Kappa and alpha correct for agreement by chance: 1 is perfect,
        0 is chance. Words after Landis &amp; Koch.
      </p>
      {dataset.titles.length > 1 ? (
        <nav aria-label="Titles" className="mb-5 flex flex-wrap gap-1.5 text-sm">
          <TitleChip href={`/datasets/${dataset.id}/agreement`} active={!titleId}>
            All titles
          </TitleChip>
          {dataset.titles.map((item) => (
            <TitleChip key={item.id} href={`/datasets/${dataset.id}/agreement?title=${item.id}`} active={item.id === titleId}>
              {item.name}
            </TitleChip>
          ))}
        </nav>
      ) : null}

      <dl className="mb-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <div className="rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200" data-testid="agreement-frames">
          <dt className="text-xs font-medium text-slate-500">Frames compared</dt>
          <dd className="mt-0.5 text-lg font-semibold text-slate-900 tabular-nums">{agreement.frames.toLocaleString("en")}</dd>
        </div>
        <FigureCard label="Percent agreement" value={agreement.percentAgreement} display={formatShare(agreement.percentAgreement)} words={false} testId="percent-agreement" />
        <FigureCard label="Fleiss' κ" value={agreement.fleissKappa} display={formatCoefficient(agreement.fleissKappa)} testId="fleiss-kappa" />
        <FigureCard label="Krippendorff's α" value={agreement.krippendorffAlpha} display={formatCoefficient(agreement.krippendorffAlpha)} testId="krippendorff-alpha" />
      </dl>

      {agreement.frames === 0 ? (
        <Card>
          <EmptyState title="Not enough data yet">
            Agreement needs frames labelled by at least two people.{" "}
            {dataset.overlap < 2 ? "This dataset asks for one label per frame; an admin can raise “Labels per frame” on the dataset page." : "Come back when more frames are labelled."}
          </EmptyState>
        </Card>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-5">
          <div className="space-y-6 lg:col-span-3">
            <Card>
              <CardHeader title="Pairs of labellers" description="Cohen's κ of each pair over the frames both labelled; hover a cell for the number of frames." />
              {seesPeople ? (
                agreement.pairs.length > 0 ? (
                  <PairMatrix pairs={agreement.pairs} />
                ) : (
                  <p className="px-5 py-4 text-sm text-slate-500">No two labellers share a frame yet.</p>
                )
              ) : (
                <p className="px-5 py-4 text-sm text-slate-500">Reviewers and admins see the figures of each labeller.</p>
              )}
            </Card>
            {!titleId && agreement.byTitle.length > 0 ? (
              <Card>
                <CardHeader title="By title" description="Fleiss' κ per title: where the face rules are hard to apply." />
                <TitleBars titles={agreement.byTitle} />
              </Card>
            ) : null}
          </div>
          <Card className="lg:col-span-2">
            <CardHeader title="By labeller" description="Each labeller against everyone else." />
            {seesPeople && agreement.byLabeller.length > 0 ? (
              <table className="w-full text-sm" data-testid="labeller-agreement">
                <thead>
                  <tr className="border-b border-slate-100 text-left text-xs text-slate-500">
                    <th scope="col" className="px-5 py-2 font-medium">
                      Labeller
                    </th>
                    <th scope="col" className="px-2 py-2 text-right font-medium">
                      Frames
                    </th>
                    <th scope="col" className="px-2 py-2 text-right font-medium">
                      Agree
                    </th>
                    <th scope="col" className="py-2 pr-5 pl-2 text-right font-medium">
                      Mean κ
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {agreement.byLabeller.map((row) => (
                    <tr key={row.user.id} data-testid="labeller-agreement-row">
                      <td className="max-w-40 truncate px-5 py-2.5 font-medium text-slate-900" title={row.user.email}>
                        {personName(row.user)}
                      </td>
                      <td className="px-2 py-2.5 text-right text-slate-600 tabular-nums">{row.frames.toLocaleString("en")}</td>
                      <td className="px-2 py-2.5 text-right text-slate-600 tabular-nums">{formatShare(row.percentAgreement)}</td>
                      <td className="py-2.5 pr-5 pl-2 text-right tabular-nums" title={agreementBand(row.meanCohenKappa).words}>
                        <span className={`rounded px-1.5 py-0.5 font-semibold ${agreementBand(row.meanCohenKappa).cell}`}>{formatCoefficient(row.meanCohenKappa)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="px-5 py-4 text-sm text-slate-500">{seesPeople ? "No labeller has shared frames yet." : "Reviewers and admins see the figures of each labeller."}</p>
            )}
          </Card>
        </div>
      )}
    </>
  );
}

function TitleChip({ href, active, children }: { href: string; active: boolean; children: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-full px-3 py-1 font-medium ring-1 ring-inset transition ${active ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
    >
      {children}
    </Link>
  );
}
