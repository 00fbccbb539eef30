-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ProcessKind" AS ENUM ('COMMUNITY_SERVICE', 'MINORS_PUBLIC_WORK', 'MEDIATION', 'EVALUATION_REPORT', 'SUPERVISION');

-- CreateEnum
CREATE TYPE "FunctionSubtype" AS ENUM ('SUP_CONDITIONAL_SENTENCE', 'SUP_PAROLE', 'SUP_CONDITIONAL_RELEASE_LIABILITY', 'PROBATION_SUPERVISION', 'PROBATION_SUPERVISION_MAIN', 'SUP_PAROLE_EM', 'FORCED_WORK', 'FORCED_WORK_ADDITIONAL', 'COMMUNITY_WORK_EDU', 'MEDIATION', 'EVAL_PRETRIAL', 'EVAL_PAROLE', 'EVAL_PAROLE_EM', 'PROBATION_PROGRAMME');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'SUSPENDED', 'CLOSED');

-- CreateTable
CREATE TABLE "region" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "region_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "department" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "town" TEXT NOT NULL,
    "region_id" INTEGER NOT NULL,

    CONSTRAINT "department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name_lv" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,

    CONSTRAINT "role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "department_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_role" (
    "user_id" INTEGER NOT NULL,
    "role_id" INTEGER NOT NULL,

    CONSTRAINT "user_role_pkey" PRIMARY KEY ("user_id","role_id")
);

-- CreateTable
CREATE TABLE "client" (
    "id" SERIAL NOT NULL,
    "personal_code" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "address" TEXT,
    "municipality" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "department_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case" (
    "id" SERIAL NOT NULL,
    "case_number" TEXT NOT NULL,
    "client_id" INTEGER NOT NULL,
    "process_kind" "ProcessKind" NOT NULL,
    "function_subtype" "FunctionSubtype" NOT NULL,
    "status" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "department_id" INTEGER NOT NULL,
    "process_instance_key" BIGINT,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "personal_data" BOOLEAN NOT NULL DEFAULT false,
    "details" JSONB,
    "ip" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_task" (
    "user_task_key" BIGINT NOT NULL,
    "process_instance_key" BIGINT NOT NULL,
    "process_definition_key" BIGINT,
    "bpmn_process_id" TEXT NOT NULL,
    "process_definition_version" INTEGER,
    "element_id" TEXT,
    "element_instance_key" BIGINT,
    "form_key" BIGINT,
    "external_form_reference" TEXT,
    "assignee" TEXT,
    "candidate_groups" TEXT[],
    "candidate_users" TEXT[],
    "due_date" TIMESTAMPTZ(3),
    "follow_up_date" TIMESTAMPTZ(3),
    "priority" INTEGER NOT NULL DEFAULT 50,
    "state" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_position" BIGINT NOT NULL,

    CONSTRAINT "user_task_pkey" PRIMARY KEY ("user_task_key")
);

-- CreateTable
CREATE TABLE "process_instance" (
    "process_instance_key" BIGINT NOT NULL,
    "process_definition_key" BIGINT,
    "bpmn_process_id" TEXT NOT NULL,
    "process_definition_version" INTEGER,
    "parent_process_instance_key" BIGINT,
    "state" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_position" BIGINT NOT NULL,

    CONSTRAINT "process_instance_pkey" PRIMARY KEY ("process_instance_key")
);

-- CreateTable
CREATE TABLE "incident" (
    "incident_key" BIGINT NOT NULL,
    "process_instance_key" BIGINT NOT NULL,
    "bpmn_process_id" TEXT,
    "element_id" TEXT,
    "element_instance_key" BIGINT,
    "job_key" BIGINT,
    "error_type" TEXT,
    "error_message" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "last_position" BIGINT NOT NULL,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("incident_key")
);

-- CreateTable
CREATE TABLE "projection_cursor" (
    "name" TEXT NOT NULL,
    "partition_id" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projection_cursor_pkey" PRIMARY KEY ("name","partition_id")
);

-- CreateTable
CREATE TABLE "job_effect" (
    "idempotency_key" TEXT NOT NULL,
    "job_type" TEXT NOT NULL,
    "process_instance_key" BIGINT NOT NULL,
    "result" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_effect_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "region_code_key" ON "region"("code");

-- CreateIndex
CREATE UNIQUE INDEX "department_code_key" ON "department"("code");

-- CreateIndex
CREATE INDEX "department_region_id_idx" ON "department"("region_id");

-- CreateIndex
CREATE UNIQUE INDEX "role_code_key" ON "role"("code");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_username_key" ON "app_user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "app_user_department_id_idx" ON "app_user"("department_id");

-- CreateIndex
CREATE INDEX "user_role_role_id_idx" ON "user_role"("role_id");

-- CreateIndex
CREATE UNIQUE INDEX "client_personal_code_key" ON "client"("personal_code");

-- CreateIndex
CREATE INDEX "client_last_name_first_name_idx" ON "client"("last_name", "first_name");

-- CreateIndex
CREATE INDEX "client_department_id_idx" ON "client"("department_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_case_number_key" ON "case"("case_number");

-- CreateIndex
CREATE UNIQUE INDEX "case_process_instance_key_key" ON "case"("process_instance_key");

-- CreateIndex
CREATE INDEX "case_client_id_idx" ON "case"("client_id");

-- CreateIndex
CREATE INDEX "case_department_id_status_idx" ON "case"("department_id", "status");

-- CreateIndex
CREATE INDEX "audit_log_entity_type_entity_id_at_idx" ON "audit_log"("entity_type", "entity_id", "at");

-- CreateIndex
CREATE INDEX "audit_log_actor_at_idx" ON "audit_log"("actor", "at");

-- CreateIndex
CREATE INDEX "audit_log_action_entity_id_idx" ON "audit_log"("action", "entity_id");

-- CreateIndex
CREATE INDEX "user_task_process_instance_key_idx" ON "user_task"("process_instance_key");

-- CreateIndex
CREATE INDEX "user_task_state_due_date_idx" ON "user_task"("state", "due_date");

-- CreateIndex
CREATE INDEX "user_task_assignee_state_idx" ON "user_task"("assignee", "state");

-- CreateIndex
CREATE INDEX "user_task_candidate_groups_idx" ON "user_task" USING GIN ("candidate_groups");

-- CreateIndex
CREATE INDEX "process_instance_bpmn_process_id_state_idx" ON "process_instance"("bpmn_process_id", "state");

-- CreateIndex
CREATE INDEX "process_instance_parent_process_instance_key_idx" ON "process_instance"("parent_process_instance_key");

-- CreateIndex
CREATE INDEX "incident_process_instance_key_idx" ON "incident"("process_instance_key");

-- CreateIndex
CREATE INDEX "incident_state_idx" ON "incident"("state");

-- CreateIndex
CREATE INDEX "job_effect_process_instance_key_idx" ON "job_effect"("process_instance_key");

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_region_id_fkey" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_role" ADD CONSTRAINT "user_role_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "user_role" ADD CONSTRAINT "user_role_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client" ADD CONSTRAINT "client_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case" ADD CONSTRAINT "case_department_id_fkey" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

