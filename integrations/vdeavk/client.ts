import { JsonHttpClient, type CallOptions, type ClientOptions } from '../common/http';
import { DisabilityExtractSchema, type DisabilityExtract } from './schema';

/**
 * PLUS's client of IIS VDEĀVK (disability register). Base URL `http://127.0.0.1:<SIMULATORS_PORT>/vdeavk`.
 * getDisability(personalCode) → group, term and functional disorders, or null when there is no decision on
 * record (most persons).
 */
export class VdeavkClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('vdeavk', options);
  }

  getDisability(personalCode: string, opts?: CallOptions): Promise<DisabilityExtract | null> {
    return this.http.request(
      {
        operation: 'getDisability',
        method: 'GET',
        path: `/persons/${encodeURIComponent(personalCode)}/disability`,
        schema: DisabilityExtractSchema,
        absentCode: 'NO_DATA',
      },
      opts,
    );
  }
}
