-- AlterTable
ALTER TABLE "user_task" ADD COLUMN     "root_process_instance_key" BIGINT;

-- AlterTable
ALTER TABLE "process_instance" ADD COLUMN     "root_process_instance_key" BIGINT;

-- CreateTable
CREATE TABLE "web_session" (
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "csrf_token" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "web_session_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "task_draft" (
    "user_task_key" BIGINT NOT NULL,
    "username" TEXT NOT NULL,
    "variables" JSONB NOT NULL,
    "saved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_draft_pkey" PRIMARY KEY ("user_task_key","username")
);

-- CreateIndex
CREATE INDEX "web_session_user_id_idx" ON "web_session"("user_id");

-- CreateIndex
CREATE INDEX "web_session_expires_at_idx" ON "web_session"("expires_at");

-- CreateIndex
CREATE INDEX "user_task_root_process_instance_key_idx" ON "user_task"("root_process_instance_key");

-- CreateIndex
CREATE INDEX "process_instance_root_process_instance_key_idx" ON "process_instance"("root_process_instance_key");

-- AddForeignKey
ALTER TABLE "web_session" ADD CONSTRAINT "web_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

