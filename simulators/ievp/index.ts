import { IevpOutboxMessage as IevpInboundSchema } from './wire';
import { createSimulatorApp, type Simulator, type SimulatorOptions } from '../kit/app';
import { Outbox } from '../kit/outbox';
import { generateReleaseNotice } from './generate';

/** IeVP IS, the Prison Administration's register: an outbox of release notices for VPD; nothing inbound yet. */
export function createIevpSimulator(options: Omit<SimulatorOptions, 'inbound' | 'state'> = {}): Simulator {
  return createSimulatorApp('ievp', [], {
    title: 'IeVP IS — Ieslodzīto informācijas sistēma (prison administration)',
    ...options,
    inbound: { schema: IevpInboundSchema, outbox: new Outbox(), generate: generateReleaseNotice },
  });
}
