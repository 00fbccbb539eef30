import type { Configuration } from 'openid-client';

/**
 * The API as an OpenID Connect client (openid-client, panva's certified relying party): authorization code flow
 * with PKCE, state and nonce. The provider's metadata is discovered on first use and kept; a provider that is
 * down is asked again on the next sign-in.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

export interface OidcClient {
  begin(opts: { returnTo: string; lang: 'lv' | 'en' }): Promise<{ url: string; pending: PendingSignIn }>;
  /** Exchanges the code; returns the signed-in person's username (the ID token's subject). */
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<{ username: string }>;
}

export function createOidcClient(settings: OidcSettings): OidcClient {
  let config: Promise<Configuration> | undefined;
  const lib = () => import('openid-client');
  const discover = () => {
    config ??= lib()
      .then((c) =>
        c.discovery(
          new URL(settings.issuer),
          settings.clientId,
          settings.clientSecret,
          undefined,
          // The local stand-in provider speaks plain HTTP on loopback; VISS is HTTPS.
          settings.issuer.startsWith('http://') ? { execute: [c.allowInsecureRequests] } : undefined,
        ),
      )
      .catch((err: unknown) => {
        config = undefined;
        throw err;
      });
    return config;
  };
  return {
    async begin({ returnTo, lang }) {
      const c = await lib();
      const cfg = await discover();
      const pending: PendingSignIn = {
        state: c.randomState(),
        nonce: c.randomNonce(),
        verifier: c.randomPKCECodeVerifier(),
        returnTo,
      };
      const url = c.buildAuthorizationUrl(cfg, {
        redirect_uri: settings.redirectUri,
        scope: 'openid profile email',
        code_challenge: await c.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        // Always ask for the password: after signing out, the next person at this computer is not let in silently.
        prompt: 'login',
        ui_locales: lang,
      });
      return { url: url.href, pending };
    },
    async finish(callbackUrl, pending) {
      const c = await lib();
      const cfg = await discover();
      const tokens = await c.authorizationCodeGrant(cfg, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const sub = tokens.claims()?.sub;
      if (!sub) throw new Error('the identity provider returned no subject');
      return { username: sub };
    },
  };
}
