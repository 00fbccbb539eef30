-- CreateTable
CREATE TABLE "deployed_resource" (
    "resource_key" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "resource_name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "deployment_key" BIGINT NOT NULL,
    "deployed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployed_resource_pkey" PRIMARY KEY ("resource_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "deployed_resource_kind_resource_id_version_key" ON "deployed_resource"("kind", "resource_id", "version");

