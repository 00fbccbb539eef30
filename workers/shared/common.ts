import { z } from 'zod';
import type { Prisma } from '../../prisma/generated/client';

/** Input pieces and helpers that the steps of every process share. */

/** PLUS ids travel as strings of digits in process variables (engine-safe, form-select-safe). */
export const idString = z
  .union([z.string().regex(/^\d+$/, 'must be a PLUS id (digits)'), z.number().int().positive()])
  .transform((v) => Number(v));

export const caseInput = { caseId: idString };

export const SYSTEM_ACTOR = 'system:workers';

type Tx = Prisma.TransactionClient;

/** Hours confirmed so far in the ledger. */
export async function hoursWorked(tx: Tx, caseId: number): Promise<number> {
  const agg = await tx.hoursEntry.aggregate({ where: { caseId }, _sum: { hours: true } });
  return agg._sum.hours ?? 0;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;
