-- DropIndex
DROP INDEX "AuditLog_createdAt_idx";

-- CreateIndex
CREATE INDEX "AnnotationRevision_createdAt_id_idx" ON "AnnotationRevision"("createdAt", "id");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_id_idx" ON "AuditLog"("createdAt", "id");

