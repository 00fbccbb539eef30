/**
 * Typed clients of the external state systems. Every system lives under one base URL; against the
 * simulators that is `http://127.0.0.1:<SIMULATORS_PORT>/<system>` (SIMULATORS_PORT 4000, test stack 4100):
 *
 *   tis       TisClient       courts: rulings (poll), execution notices
 *   prois     ProisClient     prosecution: penal orders (poll), execution notices
 *   ievp      IevpClient      prison administration: release notices (poll)
 *   viis      ViisClient      education register look-up
 *   vdeavk    VdeavkClient    disability register look-up
 *   e-adrese  EAddressClient  official e-address: account state, notifications
 */
export const SYSTEMS = ['tis', 'prois', 'ievp', 'viis', 'vdeavk', 'e-adrese'] as const;
export type SystemName = (typeof SYSTEMS)[number];

/** `systemUrl('http://127.0.0.1:4000', 'tis')` → the base URL a client takes. */
export function systemUrl(root: string, system: SystemName): string {
  return `${root.replace(/\/+$/, '')}/${system}`;
}

export { EAddressClient } from './e-adrese/client';
export { IevpClient } from './ievp/client';
export { ProisClient } from './prois/client';
export { TisClient } from './tis/client';
export { VdeavkClient } from './vdeavk/client';
export { ViisClient } from './viis/client';
export * from './common/errors';
export type { CallOptions, ClientOptions, WriteOptions } from './common/http';
export type { InboundItem, InboundMessage, InboundPage, MalformedMessage } from './common/outbox';
