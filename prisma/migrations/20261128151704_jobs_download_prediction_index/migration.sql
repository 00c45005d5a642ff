-- AlterEnum
ALTER TYPE "JobKind" ADD VALUE 'DOWNLOAD';

-- CreateIndex
CREATE INDEX "Prediction_runId_decisionValue_idx" ON "Prediction"("runId", "decisionValue");


-- At most one published model per dataset, even when two admins publish at once. Prisma cannot declare
-- a partial index; test/integration/support/schema-diff.ts lists it among the hand-written indexes.
CREATE UNIQUE INDEX "TrainingRun_published_datasetId_key" ON "TrainingRun"("datasetId") WHERE "publishedAt" IS NOT NULL;
