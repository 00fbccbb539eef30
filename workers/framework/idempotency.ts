import type { Prisma, PrismaClient } from '../../prisma/generated/client';

/**
 * Runs a job's side effect at most once per idempotency key. The engine delivers jobs at least once
 * (timeouts, worker crashes, lost completions), so each effect is recorded in `job_effect` inside the
 * same transaction as the domain write. A redelivered job finds the record and gets the first result back.
 */
/** `T` must be plain JSON (it is stored as jsonb and returned as stored on a redelivery). */
export async function once<T>(
  prisma: PrismaClient,
  key: { idempotencyKey: string; jobType: string; processInstanceKey: string },
  effect: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<{ result: T; replayed: boolean }> {
  return prisma.$transaction(
    async (tx) => {
      const claimed = await tx.$executeRaw`
      INSERT INTO job_effect (idempotency_key, job_type, process_instance_key)
      VALUES (${key.idempotencyKey}, ${key.jobType}, ${key.processInstanceKey})
      ON CONFLICT (idempotency_key) DO NOTHING`;
      if (claimed === 0) {
        const rows = await tx.$queryRaw<{ result: T }[]>`
        SELECT result FROM job_effect WHERE idempotency_key = ${key.idempotencyKey}`;
        return { result: rows[0]!.result, replayed: true };
      }
      const result = await effect(tx);
      await tx.$executeRaw`
      UPDATE job_effect SET result = ${JSON.stringify(result)}::jsonb WHERE idempotency_key = ${key.idempotencyKey}`;
      return { result, replayed: false };
    },
    // Some effects render a document (PDF/DOCX) inside: Prisma's 5 s default ran out on a busy machine (npm run
    // chaos), failing the job and rendering it again on the retry. The job's lock (30 s by default, longer for slow topics) is the real bound.
    { maxWait: 10_000, timeout: 60_000 },
  );
}
