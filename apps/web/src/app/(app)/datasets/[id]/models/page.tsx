import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/button";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { FeatureCoverageList, type CoverageRowData } from "@/components/ml/feature-coverage-list";
import type { ExtractionJobView } from "@/components/ml/ml-data";
import { SuggestFramesPanel } from "@/components/ml/suggest-frames-panel";
import { TrainForm } from "@/components/ml/train-form";
import { TrainingJobList } from "@/components/ml/training-job-list";
import { TryImage } from "@/components/ml/try-image";
import { plural } from "@/lib/format";
import { getViewer } from "@/server/viewer";
import { PublishedBanner } from "./_components/published-banner";
import { ResultsCard } from "./_components/results-card";
import { JOBS_SHOWN, defaultJobId, loadModelsPage, loadResults } from "./load-models";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { dataset } = await loadModelsPage((await params).id);
  return { title: `Models · ${dataset.name}` };
}

/** The newest extraction of each backbone (the API lists them newest first). */
function latestExtractions(jobs: readonly ExtractionJobView[]): Map<string, ExtractionJobView> {
  const latest = new Map<string, ExtractionJobView>();
  for (const job of jobs) if (job.backbone && !latest.has(job.backbone.id)) latest.set(job.backbone.id, job);
  return latest;
}

export default async function ModelsPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { id } = await params;
  const requested = (await searchParams)["job"];
  const [viewer, data] = await Promise.all([getViewer(), loadModelsPage(id)]);
  const { dataset } = data;
  const isAdmin = viewer.role === "ADMIN";
  const canReview = isAdmin || viewer.role === "REVIEWER";
  // Labellers label blind: the API gives them no model outputs, so no "Try an image" either.
  const canTryImages = viewer.role !== "LABELER";
  const jobs = dataset.trainingJobs.edges.map((edge) => edge.node);
  const allJobs = requested === "all";
  const jobId = allJobs ? null : typeof requested === "string" && requested ? requested : defaultJobId(jobs);
  const results = jobs.length > 0 || jobId ? await loadResults(dataset.id, jobId, canReview) : null;
  const versions = data.splitVersions.edges.map((edge) => edge.node);
  const splitNames = Object.fromEntries(versions.map((version) => [version.id, version.name]));
  const extractions = latestExtractions(dataset.extractions.edges.map((edge) => edge.node));
  const coverage: CoverageRowData[] = data.backbones.map(({ featureCoverage, ...backbone }) => ({ backbone, coverage: featureCoverage, job: extractions.get(backbone.id) ?? null }));
  const published = results?.published ?? null;
  // "Try an image" uses the published run; before there is one, the run the shown job picked.
  const tryRun = published ?? (results?.job?.selectedRun ? { id: results.job.selectedRun.id } : null);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link prefetch={false} href={`/datasets/${dataset.id}`} className="hover:text-slate-700">
            ← {dataset.name}
          </Link>
        }
        title="Models"
        description="Each frame becomes a feature vector: a pretrained CNN cut before its classifier, each channel max-pooled. SVMs with the paper’s kernels learn face / no face on the train set, the validation set picks the configuration, and the test sets say how well it does (Koc, Koc & Su)."
        actions={
          <Link prefetch={false} href="/backbones" className={buttonClass("secondary")}>
            Backbones
          </Link>
        }
      />

      {published ? <PublishedBanner datasetId={dataset.id} run={published} /> : null}

      <div className="mb-6 grid items-start gap-6 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <CardHeader title="Features" description={`Frames with a feature vector, per backbone (${plural(dataset.frameCount, "frame")} in the dataset). New frames need extracting too.`} />
          {coverage.length > 0 ? (
            <FeatureCoverageList datasetId={dataset.id} rows={coverage} isAdmin={isAdmin} />
          ) : (
            <EmptyState title="No backbone registered">{isAdmin ? "Register one on the backbones page." : "An admin registers backbones."}</EmptyState>
          )}
        </Card>
        {canTryImages ? (
          <Card className="lg:col-span-2">
            <CardHeader title="Try an image" description="Classify a picture of your own, without adding it to the dataset." />
            {tryRun ? (
              <TryImage datasetId={dataset.id} runId={published ? undefined : tryRun.id} runText={published ? "the published run" : "the run validation picked (not published)"} />
            ) : (
              <p className="px-5 py-4 text-sm text-slate-500">Train a model first; the published run (or the one validation picked) classifies your image.</p>
            )}
          </Card>
        ) : null}
      </div>

      {isAdmin ? (
        <Card className="mb-6">
          <CardHeader title="Train" description="The paper’s grid on one backbone’s features: every kernel with every C on the train set; validation picks the best." />
          <TrainForm
            datasetId={dataset.id}
            backbones={data.backbones.map((backbone) => ({ id: backbone.id, name: backbone.name, vectors: backbone.featureCoverage.vectors, frames: backbone.featureCoverage.frames }))}
            splitVersions={versions}
          />
        </Card>
      ) : null}

      <div className="mb-6 grid items-start gap-6 lg:grid-cols-5">
        <Card className={canReview ? "lg:col-span-3" : "lg:col-span-5"}>
          <CardHeader
            title="Training jobs"
            description="Newest first; choose one to see its results."
            action={
              jobs.length > 1 ? (
                <Link prefetch={false} scroll={false} href={`/datasets/${dataset.id}/models?job=all#results`} className={buttonClass(allJobs ? "primary" : "secondary", "sm")} aria-current={allJobs ? "true" : undefined}>
                  All jobs together
                </Link>
              ) : null
            }
          />
          {jobs.length > 0 ? (
            <TrainingJobList datasetId={dataset.id} jobs={jobs} selectedJobId={jobId} splitNames={splitNames} canReview={false} canCancel={isAdmin} />
          ) : (
            <EmptyState title="No training yet">{isAdmin ? "Extract features, then train above." : "An admin trains models."}</EmptyState>
          )}
          {dataset.trainingJobs.pageInfo.hasNextPage ? <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-500">Showing the {JOBS_SHOWN} newest jobs.</p> : null}
        </Card>
        {canReview ? (
          <Card className="lg:col-span-2">
            <CardHeader title="Labelling queue" description="Let a model choose what gets labelled next." />
            {published || jobs.some((job) => job.selectedRun) ? (
              <SuggestFramesPanel datasetId={dataset.id} runText={published ? "the published run" : "the run the latest training picked"} canCancel={isAdmin} />
            ) : (
              <p className="px-5 py-4 text-sm text-slate-500">Train a model first: the published run, or the one the latest training picked, ranks the unlabelled frames.</p>
            )}
          </Card>
        ) : null}
      </div>

      {results ? <ResultsCard datasetId={dataset.id} data={results} allJobs={allJobs} splitNames={splitNames} isAdmin={isAdmin} canReview={canReview} /> : null}
    </>
  );
}
