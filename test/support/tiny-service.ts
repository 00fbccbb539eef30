import http from 'node:http';

/**
 * A stand-in service for scripts/services.test.ts: `tiny-service.ts <port>` answers health checks on the port and
 * writes a line to stdout and one to stderr; `tiny-service.ts <port> crash` writes a line and exits with code 3.
 */
const [port, mode] = process.argv.slice(2);
if (mode === 'crash') {
  console.error('bad configuration: no port');
  process.exit(3);
}
http
  .createServer((_req, res) => res.end('ok'))
  .listen(Number(port), '127.0.0.1', () => {
    console.log('tiny service listening');
    console.error('tiny service warning');
  });
