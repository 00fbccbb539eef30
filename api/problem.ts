/**
 * RFC 9457 problem details. Every 4xx/5xx of the API is one of these, with a `detail` that tells the user
 * what went wrong and what to do about it.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
}

export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: { type?: string; errors?: Problem['errors'] } = {},
  ) {
    super(`${status} ${title}: ${detail}`);
  }
}

export const PROBLEM_TYPES = {
  notFound: 'https://plusflow.vpd.gov.lv/problems/not-found',
  methodNotAllowed: 'https://plusflow.vpd.gov.lv/problems/method-not-allowed',
  badRequest: 'https://plusflow.vpd.gov.lv/problems/bad-request',
  validation: 'https://plusflow.vpd.gov.lv/problems/validation',
  conflict: 'https://plusflow.vpd.gov.lv/problems/conflict',
  engineUnavailable: 'https://plusflow.vpd.gov.lv/problems/engine-unavailable',
  internal: 'https://plusflow.vpd.gov.lv/problems/internal',
} as const;
