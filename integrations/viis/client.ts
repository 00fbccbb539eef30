import { JsonHttpClient, type CallOptions, type ClientOptions } from '../common/http';
import { EducationExtractSchema, type EducationExtract } from './schema';

/**
 * PLUS's client of VIIS (education register). Base URL `http://127.0.0.1:<SIMULATORS_PORT>/viis`.
 * getEducation(personalCode) → the extract, or null when VIIS has no data about the person (NO_DATA is an
 * answer to save in the case, not a failure). An invalid code is a PermanentIntegrationError INVALID_PERSONAL_CODE.
 */
export class ViisClient {
  private readonly http: JsonHttpClient;

  constructor(options: ClientOptions) {
    this.http = new JsonHttpClient('viis', options);
  }

  getEducation(personalCode: string, opts?: CallOptions): Promise<EducationExtract | null> {
    return this.http.request(
      {
        operation: 'getEducation',
        method: 'GET',
        path: `/persons/${encodeURIComponent(personalCode)}/education`,
        schema: EducationExtractSchema,
        absentCode: 'NO_DATA',
      },
      opts,
    );
  }
}
