-- AlterTable
ALTER TABLE "deployed_resource" ADD COLUMN     "deployed_by" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'REPO';

-- CreateTable
CREATE TABLE "model_draft" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "based_on_version" INTEGER,
    "note" TEXT,
    "author" TEXT NOT NULL,
    "saved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deployed_version" INTEGER,

    CONSTRAINT "model_draft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "model_draft_kind_resource_id_saved_at_idx" ON "model_draft"("kind", "resource_id", "saved_at");

