import { getConfig } from '../platform/config';
import { runCli } from '../platform/cli';
import { createLogger } from '../platform/logger';
import { createStaffDirectory } from './directory';
import { createIdentityProvider } from './provider';

/**
 * `npm run identity`: the local OpenID provider on 127.0.0.1:IDENTITY_PORT (3001; 3101 in the test stack),
 * started by `npm start`. Never part of a deployment: there OIDC_ISSUER points at VISS.
 */
runCli(async () => {
  const cfg = getConfig();
  const log = createLogger('identity', cfg.logLevel);
  const directory = createStaffDirectory(cfg.database.url);
  const provider = await createIdentityProvider({
    issuer: cfg.auth.issuer,
    client: {
      id: cfg.auth.clientId,
      secret: cfg.auth.clientSecret,
      redirectUri: cfg.auth.redirectUri,
      postLogoutRedirectUri: `${cfg.api.publicUrl}/`,
    },
    cookieSecret: cfg.auth.sessionSecret,
    demoPassword: cfg.identity.demoPassword,
    directory,
  });
  provider.on('server_error', (_ctx: unknown, err: unknown) => log.error({ err }, 'identity provider error'));
  const server = provider.listen(cfg.identity.port, '127.0.0.1', () =>
    log.info({ issuer: cfg.auth.issuer }, 'identity provider listening'),
  );

  const shutdown = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'identity provider shutting down');
    server.close(() => void directory.close().then(() => log.info('identity provider stopped')));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
});
