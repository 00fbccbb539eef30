import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  SendMessage as EAddressMessageSchema,
  registrationNo as registrationNumber,
  type Account,
  type DeliveryReceipt,
} from './wire';
import { isValidPersonalCode } from '../../platform/personal-code';
import { birthOf, prngFor } from '../common/lookups';
import { ageOn } from '../data/personal-codes';
import { createSimulatorApp, type Simulator, type SimulatorOptions, type SystemState } from '../kit/app';
import { SimProblem } from '../kit/problem';
import { route } from '../kit/route';

/** Share of residents aged 14+ with an active e-address (VPD sent 35 % of client documents electronically). */
const ACTIVE_PERSON_SHARE = 0.35;

type SentMessage = z.output<typeof EAddressMessageSchema> & { receipt: DeliveryReceipt };
/** `refuse`: the recipient's mailbox refuses messages (e.g. full or suspended): a permanent 403 until cleared. */
type AccountOverride = { active: boolean; refuse?: boolean; at: string };

/** Sent messages and test-set account states, reset and snapshotted with the kit's state. */
class Mailroom implements SystemState {
  messages = new Map<string, SentMessage>();
  /** Test-set account states, with when they were set. */
  accounts = new Map<string, AccountOverride>();
  reset(): void {
    this.messages.clear();
    this.accounts.clear();
  }
  snapshot(): unknown {
    return { messages: [...this.messages], accounts: [...this.accounts] };
  }
  restore(data: unknown): void {
    const d = data as { messages?: [string, SentMessage][]; accounts?: [string, AccountOverride][] };
    this.messages = new Map(d.messages ?? []);
    this.accounts = new Map(d.accounts ?? []);
  }
  stats(): Record<string, unknown> {
    return { messagesDelivered: this.messages.size, accountOverrides: this.accounts.size };
  }
}

/**
 * e-adrese, the official electronic address (VRAA):
 *  - GET  /e-adrese/accounts/:identifier  → is the person's (personal code) or institution's (registration
 *    number) e-address active? Institutions: always. Residents: about a third of those aged 14+, stable per code.
 *  - POST /e-adrese/messages              → delivers a notification; 422 RECIPIENT_NOT_ACTIVE without an
 *    active e-address. Answer: the delivery receipt.
 *  - GET  /e-adrese/messages/:messageId   → the receipt again, with readAt once read.
 * Admin: PUT /_admin/accounts/:identifier {active, refuse?}, POST /_admin/messages/:messageId/read, GET /_admin/messages.
 */
export function createEAddressSimulator(options: Omit<SimulatorOptions, 'state'> = {}): Simulator {
  const room = new Mailroom();

  function account(identifier: string, today: Date): Account {
    const kind = kindOf(identifier);
    const override = room.accounts.get(identifier);
    const rng = prngFor('e-adrese', identifier);
    // institutions must have one (since 2018); residents may activate one from the age of 14
    const generated =
      kind === 'INSTITUTION' || (ageOn(birthOf(identifier, rng), today) >= 14 && rng.chance(ACTIVE_PERSON_SHARE));
    const active = override?.active ?? generated;
    const since = override ? new Date(override.at) : new Date(Date.UTC(2018, 2, 1) + rng.int(0, 2_800) * 86_400_000);
    const prefix = kind === 'INSTITUTION' ? '_DEFAULT' : '_PRIVATE';
    return {
      identifier,
      kind,
      active,
      address: active ? `${prefix}@${identifier.replace('-', '')}` : null,
      activeSince: active ? (since < today ? since : today).toISOString() : null,
    };
  }

  return createSimulatorApp(
    'e-adrese',
    [
      route({
        method: 'GET',
        path: '/accounts/:identifier',
        handle: (req) => ({ status: 200, body: account(req.params.identifier ?? '', req.now) }),
      }),
      route({
        method: 'POST',
        path: '/messages',
        body: EAddressMessageSchema,
        handle: (req) => {
          const msg = req.body;
          const id = msg.recipient.kind === 'PERSON' ? msg.recipient.personalCode : msg.recipient.registrationNumber;
          const acc = account(id, req.now);
          if (room.accounts.get(id)?.refuse) {
            throw new SimProblem(
              403,
              'RECIPIENT_REFUSES',
              'The recipient does not accept messages',
              `The e-address of ${id} does not accept messages now (mailbox suspended); try again once the recipient has it restored.`,
            );
          }
          if (!acc.active || !acc.address) {
            throw new SimProblem(
              422,
              'RECIPIENT_NOT_ACTIVE',
              'Recipient has no active e-address',
              `${id} has no active official e-address; deliver the document another way (post, in person).`,
            );
          }
          const at = req.now.toISOString();
          const receipt: DeliveryReceipt = {
            messageId: randomUUID(),
            status: 'DELIVERED',
            recipientAddress: acc.address,
            reference: msg.reference ?? null,
            acceptedAt: at,
            deliveredAt: at,
            readAt: null,
          };
          room.messages.set(receipt.messageId, { ...msg, receipt });
          return { status: 201, body: receipt };
        },
      }),
      route({
        method: 'GET',
        path: '/messages/:messageId',
        handle: (req) => {
          const m = room.messages.get(req.params.messageId ?? '');
          if (!m)
            throw new SimProblem(
              404,
              'MESSAGE_NOT_FOUND',
              'Message not found',
              `No message ${req.params.messageId} was sent through this e-address service.`,
            );
          return { status: 200, body: m.receipt };
        },
      }),
    ],
    {
      title: 'e-adrese — oficiālā elektroniskā adrese (VRAA)',
      ...options,
      state: room,
      adminRoutes: [
        route({
          method: 'PUT',
          path: '/accounts/:identifier',
          body: z.object({ active: z.boolean(), refuse: z.boolean().optional() }).strict(),
          handle: (req) => {
            const id = req.params.identifier ?? '';
            kindOf(id);
            room.accounts.set(id, {
              active: req.body.active,
              ...(req.body.refuse ? { refuse: true } : {}),
              at: req.now.toISOString(),
            });
            return { status: 200, body: account(id, req.now) };
          },
        }),
        route({
          method: 'GET',
          path: '/messages',
          handle: () => ({ status: 200, body: { messages: [...room.messages.values()] } }),
        }),
        route({
          method: 'POST',
          path: '/messages/:messageId/read',
          handle: (req) => {
            const m = room.messages.get(req.params.messageId ?? '');
            if (!m)
              throw new SimProblem(
                404,
                'MESSAGE_NOT_FOUND',
                'Message not found',
                `No message ${req.params.messageId}.`,
              );
            m.receipt = { ...m.receipt, readAt: req.now.toISOString() };
            return { status: 200, body: m.receipt };
          },
        }),
      ],
    },
  );
}

/** Personal codes (DDMMYY-NNNNN) and registration numbers (11 digits from 4, 5 or 9) never look alike. */
function kindOf(identifier: string): 'PERSON' | 'INSTITUTION' {
  if (/^\d{6}-\d{5}$/.test(identifier) && isValidPersonalCode(identifier)) return 'PERSON';
  if (registrationNumber.safeParse(identifier).success) return 'INSTITUTION';
  throw new SimProblem(
    400,
    'INVALID_IDENTIFIER',
    'Invalid identifier',
    `"${identifier}" is neither a personal code (DDMMYY-NNNNN) nor a registration number (11 digits).`,
  );
}
