-- CreateTable
CREATE TABLE "projection_error" (
    "partition_id" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "error" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projection_error_pkey" PRIMARY KEY ("partition_id","position")
);

