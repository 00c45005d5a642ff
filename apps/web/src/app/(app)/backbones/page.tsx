import type { Metadata } from "next";
import { Card, CardHeader } from "@/components/card";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { BackboneTable } from "@/components/ml/backbone-table";
import { CATALOG_FIELDS, CatalogList, type CatalogModelView } from "@/components/ml/catalog-list";
import { BACKBONE_FIELDS, type BackboneDetail } from "@/components/ml/ml-data";
import { RegisterBackboneForm } from "@/components/ml/register-backbone-form";
import { graphql } from "@/server/graphql";
import { getViewer } from "@/server/viewer";

export const metadata: Metadata = { title: "Backbones" };

const BACKBONES = /* GraphQL */ `
  query Backbones {
    backbones { ${BACKBONE_FIELDS} }
  }
`;

// The catalog is for admins only (it shows paths on the server).
const CATALOG = /* GraphQL */ `
  query Catalog {
    catalogModels { ${CATALOG_FIELDS} }
  }
`;

/** Feature extractors: what is registered (everyone reads it), and for admins how to add more. */
export default async function BackbonesPage() {
  const viewer = await getViewer();
  const isAdmin = viewer.role === "ADMIN";
  const [{ backbones }, catalog] = await Promise.all([
    graphql<{ backbones: BackboneDetail[] }>(BACKBONES),
    isAdmin ? graphql<{ catalogModels: CatalogModelView[] }>(CATALOG).then((data) => data.catalogModels) : Promise.resolve(null),
  ]);

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
            <CardHeader title="The paper’s backbones" description="From the ONNX model zoo. kao never downloads them itself: copy a file into the model cache, then register it here." />
            {catalog && catalog.length > 0 ? <CatalogList models={catalog} registered={new Set(backbones.map((backbone) => backbone.sha256))} /> : <EmptyState title="No catalog models" />}
          </Card>
        </div>
      ) : null}
    </>
  );
}
