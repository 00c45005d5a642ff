-- CreateEnum
CREATE TYPE "LabelStatus" AS ENUM ('OPEN', 'REVIEW', 'DONE');

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "ruleNames" TEXT[] DEFAULT ARRAY['Half or more of a face', 'Profile', 'Animal with human features']::TEXT[];

-- Frames imported before labelling existed have no priority yet (hand-added: SET NOT NULL needs it).
UPDATE "Frame" SET "priority" = 0 WHERE "priority" IS NULL;

-- AlterTable
ALTER TABLE "Frame" ADD COLUMN     "labelCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "labelStatus" "LabelStatus" NOT NULL DEFAULT 'OPEN',
ADD COLUMN     "queueRank" DOUBLE PRECISION NOT NULL DEFAULT random(),
ALTER COLUMN "priority" SET NOT NULL,
ALTER COLUMN "priority" SET DEFAULT 0;

-- AlterTable
ALTER TABLE "Consensus" ADD COLUMN     "note" TEXT;

-- CreateTable
CREATE TABLE "GuidelineExample" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "datasetId" UUID NOT NULL,
    "frameId" UUID NOT NULL,
    "label" "Label" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "pinnedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuidelineExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuidelineExample_frameId_idx" ON "GuidelineExample"("frameId");

-- CreateIndex
CREATE INDEX "GuidelineExample_pinnedById_idx" ON "GuidelineExample"("pinnedById");

-- CreateIndex
CREATE UNIQUE INDEX "GuidelineExample_datasetId_frameId_key" ON "GuidelineExample"("datasetId", "frameId");

-- CreateIndex
CREATE INDEX "Frame_datasetId_labelStatus_priority_queueRank_idx" ON "Frame"("datasetId", "labelStatus", "priority" DESC, "queueRank");

-- AddForeignKey
ALTER TABLE "GuidelineExample" ADD CONSTRAINT "GuidelineExample_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidelineExample" ADD CONSTRAINT "GuidelineExample_frameId_fkey" FOREIGN KEY ("frameId") REFERENCES "Frame"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidelineExample" ADD CONSTRAINT "GuidelineExample_pinnedById_fkey" FOREIGN KEY ("pinnedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

