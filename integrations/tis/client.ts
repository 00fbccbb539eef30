import { DecisionSystemClient } from '../common/decision-client';
import type { ClientOptions } from '../common/http';
import { TisExecutionNoticeSchema, TisInboundSchema, type TisExecutionNotice, type TisInbound } from './schema';

/**
 * PLUS's client of TIS (courts). Base URL: `http://127.0.0.1:<SIMULATORS_PORT>/tis` against the simulator.
 *  - poll(after): rulings for VPD after a cursor (see integrations/common/outbox.ts for the pull model);
 *  - sendExecutionNotice(notice, { idempotencyKey }): register a notice; safe to retry with the same key;
 *  - getExecutionNotice(noticeId): the registration, or null — to check after a timeout whether it went through.
 * Errors: TransientIntegrationError (retry) or PermanentIntegrationError (codes UNKNOWN_RULING, PERSON_MISMATCH,
 * HOURS_EXCEED_SENTENCE, EXECUTION_ALREADY_COMPLETED, NOTICE_ID_CONFLICT, VALIDATION).
 */
export class TisClient extends DecisionSystemClient<TisInbound, TisExecutionNotice> {
  constructor(options: ClientOptions) {
    super('tis', options, TisInboundSchema, TisExecutionNoticeSchema);
  }
}
