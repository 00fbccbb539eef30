-- CreateEnum
CREATE TYPE "InboundStatus" AS ENUM ('ACCEPTED', 'QUARANTINED', 'REPROCESSED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "PlacementStatus" AS ENUM ('RESERVED', 'ACTIVE', 'RELEASED', 'ENDED');

-- AlterTable
ALTER TABLE "client" ADD COLUMN     "has_e_address" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "legal_representative" JSONB,
ADD COLUMN     "longitude" DOUBLE PRECISION,
ADD COLUMN     "skills" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "case" ADD COLUMN     "execution_deadline" DATE,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "sentenced_hours" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "intake_cursor" (
    "system" TEXT NOT NULL,
    "cursor" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "intake_cursor_pkey" PRIMARY KEY ("system")
);

-- CreateTable
CREATE TABLE "inbound_message" (
    "id" SERIAL NOT NULL,
    "system" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "message_type" TEXT NOT NULL,
    "cursor" INTEGER NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,
    "status" "InboundStatus" NOT NULL,
    "issues" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "duplicate_count" INTEGER NOT NULL DEFAULT 0,
    "case_id" INTEGER,
    "resolved_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution_note" TEXT,

    CONSTRAINT "inbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ruling" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "issuer_type" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "decision_number" TEXT,
    "decision_date" DATE NOT NULL,
    "in_force_date" DATE,
    "punishments" JSONB NOT NULL,
    "offences" JSONB NOT NULL,
    "case_id" INTEGER NOT NULL,
    "inbound_message_id" INTEGER,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ruling_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "register_extract" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "register" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "retrieved_at" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,
    "saved_at" TIMESTAMPTZ(3),
    "saved_by" TEXT,

    CONSTRAINT "register_extract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employer" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "registration_no" TEXT NOT NULL,
    "municipality" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "contact_person" TEXT NOT NULL,
    "contact_phone" TEXT,
    "contact_email" TEXT,
    "is_municipal" BOOLEAN NOT NULL DEFAULT false,
    "department_id" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "employer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_place" (
    "id" SERIAL NOT NULL,
    "employer_id" INTEGER NOT NULL,
    "job_title" TEXT NOT NULL,
    "description" TEXT,
    "address" TEXT NOT NULL,
    "municipality" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "priority_job" BOOLEAN NOT NULL DEFAULT false,
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "min_age" INTEGER NOT NULL DEFAULT 18,
    "physical_demand" TEXT NOT NULL DEFAULT 'MODERATE',
    "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "excluded_offence_groups" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "weekdays" INTEGER[] DEFAULT ARRAY[1, 2, 3, 4, 5]::INTEGER[],
    "day_start" TEXT NOT NULL DEFAULT '08:00',
    "day_end" TEXT NOT NULL DEFAULT '17:00',
    "min_education_level" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "department_id" INTEGER NOT NULL,

    CONSTRAINT "work_place_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_match" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "proposals" JSONB NOT NULL,
    "criteria" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "placement" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "work_place_id" INTEGER NOT NULL,
    "status" "PlacementStatus" NOT NULL,
    "selection_overridden" BOOLEAN NOT NULL DEFAULT false,
    "override_reason" TEXT,
    "reserved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" TEXT,

    CONSTRAINT "placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "appointment" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "placement_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "place" TEXT NOT NULL,
    "contact_person" TEXT NOT NULL,
    "contact_phone" TEXT,
    "officer_attends" BOOLEAN NOT NULL DEFAULT false,
    "legal_representative_attends" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "source" TEXT NOT NULL,
    "proposal_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "appointment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_schedule" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "placement_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "scheduled_hours" DOUBLE PRECISION NOT NULL,
    "input" JSONB NOT NULL,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_session" (
    "schedule_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "start_time" TEXT NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "schedule_session_pkey" PRIMARY KEY ("schedule_id","date")
);

-- CreateTable
CREATE TABLE "hours_entry" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "placement_id" INTEGER NOT NULL,
    "report_id" TEXT NOT NULL,
    "period_from" DATE NOT NULL,
    "period_to" DATE NOT NULL,
    "reported_hours" DOUBLE PRECISION NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT,
    "entries" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "recorded_by" TEXT NOT NULL,

    CONSTRAINT "hours_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "control_entry" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "placement_id" INTEGER,
    "kind" TEXT NOT NULL,
    "on" DATE NOT NULL,
    "data" JSONB NOT NULL,
    "document_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "control_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "document" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL DEFAULT 'application/pdf',
    "content" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "template_version" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "published_to_employer" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "court_notice" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER NOT NULL,
    "ruling_id" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "notice_type" TEXT NOT NULL,
    "notice_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "document_id" INTEGER,
    "external_notice_id" TEXT,
    "rejection_code" TEXT,
    "rejection_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sent_at" TIMESTAMPTZ(3),
    "delivery_channel" TEXT,
    "delivered_on" DATE,
    "delivery_reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "court_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" SERIAL NOT NULL,
    "case_id" INTEGER,
    "recipient_type" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "notification_type" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "external_id" TEXT,
    "status" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbound_message_status_received_at_idx" ON "inbound_message"("status", "received_at");

-- CreateIndex
CREATE INDEX "inbound_message_case_id_idx" ON "inbound_message"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_message_system_message_id_key" ON "inbound_message"("system", "message_id");

-- CreateIndex
CREATE INDEX "ruling_case_id_idx" ON "ruling"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "ruling_source_external_id_key" ON "ruling"("source", "external_id");

-- CreateIndex
CREATE INDEX "register_extract_case_id_register_idx" ON "register_extract"("case_id", "register");

-- CreateIndex
CREATE UNIQUE INDEX "employer_registration_no_key" ON "employer"("registration_no");

-- CreateIndex
CREATE INDEX "employer_department_id_idx" ON "employer"("department_id");

-- CreateIndex
CREATE INDEX "work_place_department_id_active_idx" ON "work_place"("department_id", "active");

-- CreateIndex
CREATE INDEX "work_match_case_id_idx" ON "work_match"("case_id");

-- CreateIndex
CREATE INDEX "placement_case_id_idx" ON "placement"("case_id");

-- CreateIndex
CREATE INDEX "placement_work_place_id_status_idx" ON "placement"("work_place_id", "status");

-- CreateIndex
CREATE INDEX "appointment_case_id_idx" ON "appointment"("case_id");

-- CreateIndex
CREATE INDEX "work_schedule_placement_id_idx" ON "work_schedule"("placement_id");

-- CreateIndex
CREATE UNIQUE INDEX "work_schedule_case_id_version_key" ON "work_schedule"("case_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "hours_entry_report_id_key" ON "hours_entry"("report_id");

-- CreateIndex
CREATE INDEX "hours_entry_case_id_idx" ON "hours_entry"("case_id");

-- CreateIndex
CREATE INDEX "control_entry_case_id_kind_idx" ON "control_entry"("case_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "document_source_key_key" ON "document"("source_key");

-- CreateIndex
CREATE INDEX "document_case_id_kind_idx" ON "document"("case_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "court_notice_notice_key_key" ON "court_notice"("notice_key");

-- CreateIndex
CREATE INDEX "court_notice_case_id_idx" ON "court_notice"("case_id");

-- CreateIndex
CREATE INDEX "court_notice_status_idx" ON "court_notice"("status");

-- CreateIndex
CREATE UNIQUE INDEX "notification_idempotency_key_key" ON "notification"("idempotency_key");

-- CreateIndex
CREATE INDEX "notification_case_id_idx" ON "notification"("case_id");

-- CreateIndex
CREATE INDEX "notification_recipient_type_recipient_idx" ON "notification"("recipient_type", "recipient");

-- AddForeignKey
ALTER TABLE "ruling" ADD CONSTRAINT "ruling_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ruling" ADD CONSTRAINT "ruling_inbound_message_id_fkey" FOREIGN KEY ("inbound_message_id") REFERENCES "inbound_message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "register_extract" ADD CONSTRAINT "register_extract_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_place" ADD CONSTRAINT "work_place_employer_id_fkey" FOREIGN KEY ("employer_id") REFERENCES "employer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_match" ADD CONSTRAINT "work_match_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placement" ADD CONSTRAINT "placement_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placement" ADD CONSTRAINT "placement_work_place_id_fkey" FOREIGN KEY ("work_place_id") REFERENCES "work_place"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "appointment" ADD CONSTRAINT "appointment_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_schedule" ADD CONSTRAINT "work_schedule_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_schedule" ADD CONSTRAINT "work_schedule_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_session" ADD CONSTRAINT "schedule_session_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "work_schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hours_entry" ADD CONSTRAINT "hours_entry_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hours_entry" ADD CONSTRAINT "hours_entry_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "control_entry" ADD CONSTRAINT "control_entry_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "document" ADD CONSTRAINT "document_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "court_notice" ADD CONSTRAINT "court_notice_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "court_notice" ADD CONSTRAINT "court_notice_ruling_id_fkey" FOREIGN KEY ("ruling_id") REFERENCES "ruling"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

