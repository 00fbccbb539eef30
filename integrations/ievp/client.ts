import { OutboxClient } from '../common/decision-client';
import type { ClientOptions } from '../common/http';
import { IevpInboundSchema, type IevpInbound } from './schema';

/** PLUS's client of IeVP IS (prison administration): poll(after) for release notices. Base URL `http://127.0.0.1:<SIMULATORS_PORT>/ievp`. */
export class IevpClient extends OutboxClient<IevpInbound> {
  constructor(options: ClientOptions) {
    super('ievp', options, IevpInboundSchema);
  }
}
