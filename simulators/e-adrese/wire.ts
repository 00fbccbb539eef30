import { z } from 'zod';
import { wireId, wirePersonalCode, wireText } from '../common/wire';

/** e-adrese's wire format (official electronic address), as the simulated service accepts and answers (the product's reading: integrations/e-adrese/). */

/** An institution's registration number in the Register of Enterprises or of state institutions. */
export const registrationNo = z.string().regex(/^[459]\d{10}$/, 'must be an 11-digit registration number');

/** POST /e-adrese/messages */
export const SendMessage = z
  .object({
    recipient: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('PERSON'), personalCode: wirePersonalCode }).strict(),
      z.object({ kind: z.literal('INSTITUTION'), registrationNumber: registrationNo }).strict(),
    ]),
    subject: wireText(255),
    body: wireText(20_000),
    attachments: z
      .array(
        z
          .object({
            fileName: wireText(255),
            mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
            sizeBytes: z
              .number()
              .int()
              .min(0)
              .max(50 * 1024 * 1024),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    reference: wireId.optional(),
    senderUnit: wireText(200).optional(),
  })
  .strict();

export interface DeliveryReceipt {
  messageId: string;
  status: 'DELIVERED';
  recipientAddress: string;
  reference: string | null;
  acceptedAt: string;
  deliveredAt: string;
  readAt: string | null;
}

export interface Account {
  identifier: string;
  kind: 'PERSON' | 'INSTITUTION';
  active: boolean;
  address: string | null;
  activeSince: string | null;
}
