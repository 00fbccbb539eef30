-- AlterTable
ALTER TABLE "notification" ADD COLUMN     "delivery_note" TEXT,
ADD COLUMN     "handled_by" TEXT,
ADD COLUMN     "resends" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retry_from" TIMESTAMPTZ(3);

