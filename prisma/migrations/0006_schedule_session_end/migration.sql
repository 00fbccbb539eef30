-- AlterTable
ALTER TABLE "schedule_session" ADD COLUMN     "break_minutes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "end_time" TEXT;

