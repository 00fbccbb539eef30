import type { paths } from './api-types';

/**
 * The UI's calls to the API: same origin, the session cookie, and the CSRF token from /api/me on every change.
 * Problems (application/problem+json) become ApiError with the API's own explanation, shown to the user as is.
 * The answers' types come from the API's OpenAPI document (api-types.ts, generated: `npm run ui:api-types`).
 */
type Method = 'get' | 'post' | 'put' | 'delete';
type Success<Rs> = Rs extends { 200: infer R } ? R : Rs extends { 201: infer R } ? R : never;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON answer of `method path` on success, as the API documents it, e.g. `ApiAnswer<'/api/tasks/{taskKey}'>`. */
export type ApiAnswer<P extends keyof paths, M extends Method = 'get'> = paths[P][M] extends { responses: infer Rs }
  ? JsonOf<Success<Rs>>
  : never;

export type Me = ApiAnswer<'/api/me'>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    /** The problem type URI, for the few problems the UI words itself. */
    readonly type?: string,
  ) {
    super(detail);
  }
}

let me: Me | null | undefined;

/** The signed-in user, or null when nobody is (401). */
export async function loadMe(): Promise<Me | null> {
  const res = await fetch('/api/me', { headers: { accept: 'application/json' } });
  if (res.status === 401) return (me = null);
  if (!res.ok) throw await toError(res);
  return (me = (await res.json()) as Me);
}

export function currentUser(): Me | null {
  return me ?? null;
}

export function signInUrl(): string {
  return `/auth/login?returnTo=${encodeURIComponent(`/${location.hash}`)}`;
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const p = (await res.json()) as { title?: string; detail?: string; type?: string };
    return new ApiError(res.status, p.title ?? res.statusText, p.detail ?? res.statusText, p.type);
  } catch {
    return new ApiError(res.status, res.statusText, `The server answered ${res.status}.`);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method && init.method !== 'GET' && me) headers['x-csrf-token'] = me.csrfToken;
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (res.status === 401) {
    // The session ended: sign in again and come back here.
    location.assign(signInUrl());
    throw new ApiError(401, 'Not signed in', 'Signing in again…');
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export async function signOut(): Promise<void> {
  await api('/auth/logout', { method: 'POST' });
  me = null;
}
