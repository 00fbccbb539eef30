import { DecisionSystemClient } from '../common/decision-client';
import type { ClientOptions } from '../common/http';
import { ProisExecutionNoticeSchema, ProisInboundSchema, type ProisExecutionNotice, type ProisInbound } from './schema';

/**
 * PLUS's client of ProIS (prosecution). Base URL: `http://127.0.0.1:<SIMULATORS_PORT>/prois`.
 * Same shape as TisClient: poll(after) for penal orders, sendExecutionNotice with an Idempotency-Key,
 * getExecutionNotice to reconcile. Rejections carry UNKNOWN_PENAL_ORDER instead of UNKNOWN_RULING.
 */
export class ProisClient extends DecisionSystemClient<ProisInbound, ProisExecutionNotice> {
  constructor(options: ClientOptions) {
    super('prois', options, ProisInboundSchema, ProisExecutionNoticeSchema);
  }
}
