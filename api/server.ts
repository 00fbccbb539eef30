import http, { type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { UserFacingError } from '../platform/errors';
import { PROBLEM_TYPES, STATUS_TITLES } from './problem';

export interface ApiServer {
  server: Server;
  /**
   * Graceful stop: no new connections, answers in flight are finished (with `Connection: close` so that
   * keep-alive clients go away), idle connections are closed. After `timeoutMs` the remaining connections
   * are cut. Resolves with the number of requests that were cut (0 when everything finished).
   */
  stop(timeoutMs?: number): Promise<number>;
}

/** The largest request head (request line with the URL, and headers) Node reads: its default, 16 kB. */
export const MAX_REQUEST_HEAD_BYTES = http.maxHeaderSize;

/**
 * Requests Node refuses before Koa sees them (a URL or headers beyond MAX_REQUEST_HEAD_BYTES, a malformed request
 * line) get a problem document like every other error, instead of Node's bare status line.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node does by default: nothing to answer on a reset or closed socket, or while an answer is being written.
  const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || answering?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          `The request's URL and headers together are larger than ${Math.round(MAX_REQUEST_HEAD_BYTES / 1024)} kB. Send long filters or data in a request body instead, or shorten the URL.`,
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request did not arrive in time. Send it again.']
        : [400, 'Bad Request', 'The request is not valid HTTP and could not be read.'];
  const body = JSON.stringify({ type: PROBLEM_TYPES.badRequest, title: STATUS_TITLES[status], status, detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Listens on host:port; a port in use or forbidden becomes a message that says what to do. */
export async function listen(app: Koa, host: string, port: number, log?: Logger): Promise<ApiServer> {
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  const handler = app.callback();
  const server = http.createServer((req, res) => {
    inFlight.add(res);
    if (stopping) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      // a keep-alive connection that just became idle is closed at once
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
    void handler(req, res);
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      throw new UserFacingError(
        `Port ${port} on ${host} is already in use, so the API cannot start.`,
        `Stop the other process (another PLUS Flow stack? "ss -ltnp | grep :${port}" shows it) or set API_PORT to a free port.`,
      );
    }
    if (err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL') {
      throw new UserFacingError(
        `The API cannot listen on ${host}:${port} (${err.code}).`,
        'Set API_HOST to an address of this machine and API_PORT to a port above 1024.',
      );
    }
    throw err;
  });

  return {
    server,
    stop: (timeoutMs = 10_000) =>
      new Promise<number>((resolve) => {
        stopping = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        log?.info({ inFlight: inFlight.size }, 'API stops accepting connections; finishing requests in flight');
        let cut = 0;
        const timer = setTimeout(() => {
          cut = inFlight.size;
          log?.warn({ cut }, `requests still running after ${timeoutMs} ms are cut`);
          server.closeAllConnections();
        }, timeoutMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve(cut);
        });
        server.closeIdleConnections();
      }),
  };
}
