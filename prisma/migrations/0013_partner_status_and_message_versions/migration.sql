-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "case_link" TEXT,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- Rows accepted before this migration: the ruling that a message carries tells whether it opened the case.
UPDATE "inbound_message" m SET "case_link" = CASE WHEN m."message_type" = 'CONVERSION_DECISION' THEN 'DECISION' WHEN EXISTS (SELECT 1 FROM "ruling" r WHERE r."inbound_message_id" = m."id") THEN 'OPENED' ELSE 'SAME_RULING' END
WHERE m."case_id" IS NOT NULL;

-- CreateTable
CREATE TABLE "inbound_message_version" (
    "id" SERIAL NOT NULL,
    "inbound_message_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "origin" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "note" TEXT,

    CONSTRAINT "inbound_message_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "partner_status" (
    "system" TEXT NOT NULL,
    "last_success_at" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3),
    "failing_since" TIMESTAMPTZ(3),
    "failures_in_row" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_status_pkey" PRIMARY KEY ("system")
);

-- CreateTable
CREATE TABLE "partner_waiting_call" (
    "job_key" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "job_type" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "business_key" TEXT,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "tries" INTEGER NOT NULL,
    "last_error" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "partner_waiting_call_pkey" PRIMARY KEY ("job_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "inbound_message_version_inbound_message_id_version_key" ON "inbound_message_version"("inbound_message_id", "version");

-- CreateIndex
CREATE INDEX "partner_waiting_call_system_updated_at_idx" ON "partner_waiting_call"("system", "updated_at");

-- AddForeignKey
ALTER TABLE "inbound_message_version" ADD CONSTRAINT "inbound_message_version_inbound_message_id_fkey" FOREIGN KEY ("inbound_message_id") REFERENCES "inbound_message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
