import {
  ProisExecutionNotice as ProisExecutionNoticeSchema,
  ProisOutboxMessage as ProisInboundSchema,
  type ProisExecutionNotice,
  type ProisPenalOrder,
} from './wire';
import { NoticeDesk } from '../common/execution-notices';
import { createSimulatorApp, type Simulator, type SimulatorOptions } from '../kit/app';
import { Outbox } from '../kit/outbox';
import { generatePenalOrder } from './generate';

/**
 * ProIS, the prosecution's information system. Outbox: penal orders for VPD. POST /prois/execution-notices
 * registers VPD's notices about them.
 */
export function createProisSimulator(options: Omit<SimulatorOptions, 'inbound' | 'state'> = {}): Simulator {
  const outbox = new Outbox();
  const desk = new NoticeDesk<ProisExecutionNotice>({
    numberPrefix: 'PROIS-PAZ',
    schema: ProisExecutionNoticeSchema,
    reference: { of: (n) => n.penalOrderId, noun: 'penal order', unknownCode: 'UNKNOWN_PENAL_ORDER' },
    findDecision: (id) => {
      const order = outbox.find(
        (p) => (p as ProisPenalOrder).messageType === 'PENAL_ORDER' && (p as ProisPenalOrder).penalOrderId === id,
      )?.payload as ProisPenalOrder | undefined;
      return order && { personalCode: order.person.personalCode, punishments: order.punishments };
    },
  });
  return createSimulatorApp('prois', desk.routes(), {
    title: 'ProIS — Prokuratūras informācijas sistēma (prosecution)',
    ...options,
    inbound: { schema: ProisInboundSchema, outbox, generate: generatePenalOrder },
    state: desk,
  });
}
