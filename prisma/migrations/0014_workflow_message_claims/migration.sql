-- DropIndex
DROP INDEX "workflow_message_status_created_at_idx";

-- AlterTable
ALTER TABLE "workflow_message" ADD COLUMN     "claimed_until" TIMESTAMPTZ(3),
ADD COLUMN     "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "workflow_message_status_next_attempt_at_idx" ON "workflow_message"("status", "next_attempt_at");

