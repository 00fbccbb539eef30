import { z } from 'zod';
import { identifier, isoDateTime, personalCode, text } from '../common/schema';

/**
 * e-adrese (official electronic address, VRAA; DEPP): PLUS sends notifications to persons and institutions.
 * Institutions always have an active e-address (mandatory); residents may activate one from the age of 14.
 * Sending to an inactive address is refused with 422 RECIPIENT_NOT_ACTIVE: send by post instead.
 */

/** Registration number of a legal person or institution: 11 digits, e.g. 90000038578. */
export const registrationNumber = z.string().regex(/^[459]\d{10}$/, 'must be an 11-digit registration number');

export const RecipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('PERSON'), personalCode }).strict(),
  z.object({ kind: z.literal('INSTITUTION'), registrationNumber }).strict(),
]);
export type Recipient = z.infer<typeof RecipientSchema>;

export const AttachmentSchema = z
  .object({
    fileName: text(255),
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type like application/pdf'),
    sizeBytes: z
      .number()
      .int()
      .min(0)
      .max(50 * 1024 * 1024),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256'),
  })
  .strict();

export const EAddressMessageSchema = z
  .object({
    recipient: RecipientSchema,
    subject: text(255),
    body: text(20_000),
    /** Metadata only: the files travel separately (DVS). */
    attachments: z.array(AttachmentSchema).max(20).default([]),
    /** Our reference (case or notification id), shown to the recipient and echoed in the receipt. */
    reference: identifier.optional(),
    /** Sending VPD unit, e.g. "Valsts probācijas dienesta Rīgas Pārdaugavas nodaļa". */
    senderUnit: text(200).optional(),
  })
  .strict();
export type EAddressMessage = z.input<typeof EAddressMessageSchema>;

export const DeliveryReceiptSchema = z.object({
  messageId: identifier,
  status: z.enum(['DELIVERED']),
  /** The recipient's e-address, e.g. "_PRIVATE@010185-10008" or "_DEFAULT@90000038578". */
  recipientAddress: z.string().min(1),
  reference: identifier.nullable(),
  acceptedAt: isoDateTime,
  deliveredAt: isoDateTime,
  /** Set once the recipient opened the message. */
  readAt: isoDateTime.nullable(),
});
export type DeliveryReceipt = z.infer<typeof DeliveryReceiptSchema>;

export const AccountSchema = z.object({
  /** Personal code or registration number, as asked. */
  identifier: z.string(),
  kind: z.enum(['PERSON', 'INSTITUTION']),
  active: z.boolean(),
  /** Null when not active. */
  address: z.string().nullable(),
  activeSince: isoDateTime.nullable(),
});
export type Account = z.infer<typeof AccountSchema>;
