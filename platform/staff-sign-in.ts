/**
 * Signs a staff member in through the real OpenID Connect flow (API → provider's login form → callback), the
 * way a browser does, and returns a session for API calls. Used by the scenario runner, the benchmarks and the
 * integration tests: nothing bypasses sign-in, so they exercise what users exercise.
 */
export interface StaffSession {
  username: string;
  csrfToken: string;
  /** fetch against the API with the session cookie and, for changes, the CSRF token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  signOut(): Promise<void>;
  /** The Cookie header of this session (tests use it to send requests without the CSRF token). */
  cookieHeader(): string;
}

class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired =
        attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()) ||
        attrs.some((a) => /^\s*max-age=0/i.test(a));
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

export async function signIn(apiUrl: string, username: string, password = 'demo'): Promise<StaffSession> {
  const jar = new CookieJar();
  const get = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.take(res);
    return res;
  };
  // Follow redirects by hand (cookies must be kept at each hop) until we are back at the API's returnTo.
  const follow = async (res: Response, from: string): Promise<{ res: Response; url: string }> => {
    let url = from;
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new SignInError('too many redirects during sign-in');
      url = new URL(res.headers.get('location')!, url).href;
      res = await get(url);
    }
    return { res, url };
  };

  const start = `${apiUrl}/auth/login?returnTo=/`;
  const login = await follow(await get(start), start);
  if (login.res.status !== 200)
    throw new SignInError(`sign-in page answered ${login.res.status}: ${(await login.res.text()).slice(0, 200)}`);
  const html = await login.res.text();
  const action = /action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  if (!action) throw new SignInError('the sign-in page has no form');
  const post = `${new URL(action, login.url).href}`;
  const submitted = await get(post, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  if (submitted.status === 401 || submitted.status === 403)
    throw new SignInError(`${username} was refused by the identity provider (${submitted.status})`);
  const done = await follow(submitted, post);
  if (!done.url.startsWith(apiUrl)) throw new SignInError(`sign-in ended at ${done.url}, not at the API`);
  if (done.res.status >= 400)
    throw new SignInError(`sign-in callback answered ${done.res.status}: ${(await done.res.text()).slice(0, 300)}`);

  const me = await get(`${apiUrl}/api/me`);
  if (me.status !== 200) throw new SignInError(`GET /api/me after sign-in answered ${me.status}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const session: StaffSession = {
    username,
    csrfToken,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', jar.header());
      if (init.method && init.method !== 'GET' && init.method !== 'HEAD') headers.set('x-csrf-token', csrfToken);
      return fetch(`${apiUrl}${path}`, { ...init, headers, redirect: 'manual' });
    },
    cookieHeader: () => jar.header(),
    signOut: async () => {
      await session.fetch('/auth/logout', { method: 'POST' });
    },
  };
  return session;
}
