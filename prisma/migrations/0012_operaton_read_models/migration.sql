-- The engine moves from Camunda 8 to Operaton (docs/decisions/0004-operaton-engine.md). Nothing of the old
-- engine's state moves with it: its read-model rows, task drafts and deployed resources are emptied (ids become
-- the new engine's opaque text ids), and cases forget their old instance id, so intake's pending-case sweep starts
-- every open case again on the new engine. The exported records (schema zeebe) go.
TRUNCATE "user_task", "process_instance", "incident", "task_draft", "deployed_resource";
UPDATE "case" SET "process_instance_key" = NULL;
DROP SCHEMA IF EXISTS zeebe CASCADE;

-- AlterTable
ALTER TABLE "case" ALTER COLUMN "process_instance_key" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "user_task" DROP CONSTRAINT "user_task_pkey",
DROP COLUMN "external_form_reference",
DROP COLUMN "form_key",
DROP COLUMN "last_position",
ADD COLUMN     "task_name" TEXT,
ALTER COLUMN "user_task_key" SET DATA TYPE TEXT,
ALTER COLUMN "process_instance_key" SET DATA TYPE TEXT,
ALTER COLUMN "process_definition_key" SET DATA TYPE TEXT,
ALTER COLUMN "element_instance_key" SET DATA TYPE TEXT,
ALTER COLUMN "root_process_instance_key" SET DATA TYPE TEXT,
ADD CONSTRAINT "user_task_pkey" PRIMARY KEY ("user_task_key");

-- AlterTable
ALTER TABLE "process_instance" DROP CONSTRAINT "process_instance_pkey",
DROP COLUMN "last_position",
ADD COLUMN     "business_key" TEXT,
ALTER COLUMN "process_instance_key" SET DATA TYPE TEXT,
ALTER COLUMN "process_definition_key" SET DATA TYPE TEXT,
ALTER COLUMN "parent_process_instance_key" SET DATA TYPE TEXT,
ALTER COLUMN "root_process_instance_key" SET DATA TYPE TEXT,
ADD CONSTRAINT "process_instance_pkey" PRIMARY KEY ("process_instance_key");

-- AlterTable
ALTER TABLE "incident" DROP CONSTRAINT "incident_pkey",
DROP COLUMN "element_instance_key",
DROP COLUMN "last_position",
ADD COLUMN     "root_process_instance_key" TEXT,
ALTER COLUMN "incident_key" SET DATA TYPE TEXT,
ALTER COLUMN "process_instance_key" SET DATA TYPE TEXT,
ALTER COLUMN "job_key" SET DATA TYPE TEXT,
ADD CONSTRAINT "incident_pkey" PRIMARY KEY ("incident_key");

-- AlterTable
ALTER TABLE "job_effect" ALTER COLUMN "process_instance_key" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "task_draft" DROP CONSTRAINT "task_draft_pkey",
ALTER COLUMN "user_task_key" SET DATA TYPE TEXT,
ADD CONSTRAINT "task_draft_pkey" PRIMARY KEY ("user_task_key", "username");

-- AlterTable
ALTER TABLE "deployed_resource" DROP CONSTRAINT "deployed_resource_pkey",
ALTER COLUMN "resource_key" SET DATA TYPE TEXT,
ALTER COLUMN "deployment_key" SET DATA TYPE TEXT,
ADD CONSTRAINT "deployed_resource_pkey" PRIMARY KEY ("resource_key");

-- DropTable
DROP TABLE "projection_cursor";

-- DropTable
DROP TABLE "engine_identity";

-- DropTable
DROP TABLE "projection_error";

-- CreateTable
CREATE TABLE "workflow_message" (
    "id" SERIAL NOT NULL,
    "message_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "business_key" TEXT NOT NULL,
    "variables" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "workflow_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "workflow_message_message_id_key" ON "workflow_message"("message_id");

-- CreateIndex
CREATE INDEX "workflow_message_status_created_at_idx" ON "workflow_message"("status", "created_at");

