import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { BackboneTable } from "@/components/ml/backbone-table";
import { BACKBONE_FIELDS, type BackboneDetail } from "@/components/ml/ml-data";
import { RegisterBackboneForm } from "@/components/ml/register-backbone-form";
import { graphql } from "@/server/graphql";
import { getViewer } from "@/server/viewer";
import { BACKBONE_JOB_FIELDS, latestJobByKey, type BackboneJobView } from "./_components/backbone-jobs";
import { CATALOG_FIELDS, CatalogList, type CatalogModelView } from "./_components/catalog-list";
import { KerasImportForm } from "./_components/keras-import-form";

export const metadata: Metadata = { title: "Backbones" };

const BACKBONES = /* GraphQL */ `
  query Backbones {
    backbones { ${BACKBONE_FIELDS} }
  }
`;

// The catalog and the downloads are for admins only (they show paths on the server).
const CATALOG = /* GraphQL */ `
  query Catalog {
    catalogModels { ${CATALOG_FIELDS} }
    backboneJobs(limit: 50) { ${BACKBONE_JOB_FIELDS} }
  }
`;

/** Feature extractors: what is registered (everyone reads it), and for admins how to add more. */
export default async function BackbonesPage() {
  const viewer = await getViewer();
  const isAdmin = viewer.role === "ADMIN";
  const [{ backbones }, catalog] = await Promise.all([
    graphql<{ backbones: BackboneDetail[] }>(BACKBONES),
    isAdmin ? graphql<{ catalogModels: CatalogModelView[]; backboneJobs: BackboneJobView[] }>(CATALOG) : Promise.resolve(null),
  ]);
  const downloads = latestJobByKey(catalog?.backboneJobs ?? []);
  const lastKerasImport = catalog?.backboneJobs.find((job) => job.source === "KERAS") ?? null;

  return (
    <>
      <PageHeader
        title="Backbones"
        description="A backbone is a pretrained CNN cut before its classifier. Each frame goes through it once; the tapped feature map, pooled per channel, is the frame’s feature vector that the SVMs learn from."
      />
      <Card className="mb-6">
        <CardHeader title="Registered" description="What extraction and training can use. kao converts its built-in backbones from the nsfwjs package at start, without any download." />
        {backbones.length > 0 ? <BackboneTable backbones={backbones} showFiles={isAdmin} /> : <EmptyState title="No backbone yet">{isAdmin ? "Register an ONNX file below." : "An admin registers backbones."}</EmptyState>}
      </Card>
      {isAdmin ? (
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader title="Register an ONNX file" description="A model file already on the server. kao opens it, finds the tap and runs it once on a blank image before it registers it." />
            <RegisterBackboneForm backboneNames={backbones.map((backbone) => backbone.name)} />
          </Card>
          <Card>
            <CardHeader title="The paper’s backbones" description="From the ONNX model zoo. Download one here (a worker fetches it and checks its sha256), or, on an offline server, copy the file into the model cache and register it." />
            {catalog && catalog.catalogModels.length > 0 ? (
              <CatalogList models={catalog.catalogModels} registered={new Set(backbones.map((backbone) => backbone.sha256))} jobs={downloads} />
            ) : (
              <EmptyState title="No catalog models" />
            )}
          </Card>
          <Card>
            <CardHeader title="Import a Keras model" description="A Keras / TF.js layers model (model.json and its weight files). A worker converts it to ONNX and registers it, cut at the layer you name." />
            <KerasImportForm initial={lastKerasImport} />
          </Card>
        </div>
      ) : null}
    </>
  );
}
