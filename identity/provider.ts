import { generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { StaffDirectory } from './directory';
import { loginPage, type LoginLang } from './login-page';

/**
 * The local OpenID Connect provider (panva's oidc-provider, certified by the OpenID Foundation) that stands in
 * for VISS and the staff directory in development and tests. It knows one client, the PLUS Flow API, with the
 * authorization-code flow and PKCE, and signs people in with their username and the demo password. PLUS Flow
 * is first-party, so consent is granted silently. State is in memory: a restart signs everyone out of the
 * provider, not out of PLUS Flow (the API keeps its own sessions).
 */
export interface IdentityProviderOptions {
  issuer: string;
  client: { id: string; secret: string; redirectUri: string; postLogoutRedirectUri: string };
  cookieSecret: string;
  demoPassword: string;
  directory: StaffDirectory;
}

export async function createIdentityProvider(opts: IdentityProviderOptions): Promise<Provider> {
  const { default: ProviderClass } = await import('oidc-provider');
  // Signing keys live as long as the process; ID tokens are checked at once by the API, never stored.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: `plusflow-${Date.now()}` };

  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.client.id,
        client_secret: opts.client.secret,
        redirect_uris: [opts.client.redirectUri],
        post_logout_redirect_uris: [opts.client.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, sub) {
      const member = await opts.directory.find(sub);
      if (!member?.active) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, name: member.fullName, preferred_username: member.username, email: member.email }),
      };
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: [opts.cookieSecret] },
    jwks: { keys: [jwk as never] },
    ttl: {
      Session: 10 * 3600,
      Interaction: 15 * 60,
      Grant: 10 * 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      AccessToken: 3600,
    },
    // PLUS Flow is the only client and first-party: the requested OpenID scopes are granted without a consent page.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) {
        const grant = await provider.Grant.find(existing);
        if (grant) return grant;
      }
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  };
  const provider = new ProviderClass(opts.issuer, configuration);
  provider.proxy = false;

  const router = new Router();
  const page = async (
    ctx: Context,
    uid: string,
    extra: { username?: string; error?: 'invalid' | 'inactive'; uiLocales?: unknown } = {},
  ) => {
    // ?lang= (the page's own switch) wins over the client's ui_locales.
    const wanted =
      typeof ctx.query.lang === 'string'
        ? ctx.query.lang
        : typeof extra.uiLocales === 'string'
          ? extra.uiLocales.split(' ')[0]
          : 'lv';
    const lang: LoginLang = wanted === 'en' ? 'en' : 'lv';
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.set(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
    );
    ctx.body = loginPage({
      uid,
      lang,
      users: await opts.directory.list(),
      demoPassword: opts.demoPassword,
      ...(extra.username ? { username: extra.username } : {}),
      ...(extra.error ? { error: extra.error } : {}),
    });
  };

  router.get('/interaction/:uid', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.prompt.name !== 'login') {
      // Consent is granted by loadExistingGrant; any other prompt finishes with what the session has.
      await provider.interactionFinished(ctx.req, ctx.res, {}, { mergeWithLastSubmission: true });
      ctx.respond = false;
      return;
    }
    await page(ctx, details.uid, { uiLocales: details.params.ui_locales });
  });

  router.post('/interaction/:uid/login', bodyParser({ enableTypes: ['form'] }), async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const body = (ctx.request.body ?? {}) as { username?: string; password?: string };
    const username = String(body.username ?? '')
      .trim()
      .toLowerCase();
    const member = username ? await opts.directory.find(username) : undefined;
    const passwordOk = safeEqual(String(body.password ?? ''), opts.demoPassword);
    if (!member || !passwordOk) {
      ctx.status = 401;
      return page(ctx, details.uid, { username, error: 'invalid' });
    }
    if (!member.active) {
      ctx.status = 403;
      return page(ctx, details.uid, { username, error: 'inactive' });
    }
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      { login: { accountId: member.username } },
      { mergeWithLastSubmission: false },
    );
    ctx.respond = false;
  });

  router.get('/health', (ctx) => {
    ctx.body = { status: 'up' };
  });

  provider.use(router.routes());
  return provider;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
