import {
  TisExecutionNotice as TisExecutionNoticeSchema,
  TisOutboxMessage as TisInboundSchema,
  type TisExecutionNotice,
  type TisRuling,
} from './wire';
import { NoticeDesk } from '../common/execution-notices';
import { createSimulatorApp, type Simulator, type SimulatorOptions } from '../kit/app';
import { Outbox } from '../kit/outbox';
import { generateRuling } from './generate';

/**
 * TIS, the courts' information system. Outbox: rulings in force for VPD (inject them through the admin API).
 * POST /tis/execution-notices registers VPD's notices about those rulings; GET …/:noticeId reads one back.
 */
export function createTisSimulator(options: Omit<SimulatorOptions, 'inbound' | 'state'> = {}): Simulator {
  const outbox = new Outbox();
  const desk = new NoticeDesk<TisExecutionNotice>({
    numberPrefix: 'TIS-PAZ',
    schema: TisExecutionNoticeSchema,
    reference: { of: (n) => n.rulingId, noun: 'ruling', unknownCode: 'UNKNOWN_RULING' },
    findDecision: (id) => {
      // only valid entries are searched, so a found payload satisfied the contract
      const ruling = outbox.find(
        (p) => (p as TisRuling).messageType === 'RULING_FOR_EXECUTION' && (p as TisRuling).rulingId === id,
      )?.payload as TisRuling | undefined;
      return ruling && { personalCode: ruling.person.personalCode, punishments: ruling.punishments };
    },
  });
  return createSimulatorApp('tis', desk.routes(), {
    title: 'TIS — Tiesu informatīvā sistēma (courts)',
    ...options,
    inbound: { schema: TisInboundSchema, outbox, generate: generateRuling },
    state: desk,
  });
}
