-- CreateTable
CREATE TABLE "engine_identity" (
    "singleton" BOOLEAN NOT NULL DEFAULT true,
    "engine_id" TEXT NOT NULL,

    CONSTRAINT "engine_identity_pkey" PRIMARY KEY ("singleton")
);

