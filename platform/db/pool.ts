import pg from 'pg';

/** Where a lost connection was noticed: an idle client of the pool's, or any client (also one checked out). */
export type ConnectionLoss = (err: Error, where: 'idle' | 'client') => void;

/**
 * A pg Pool that outlives PostgreSQL restarting. pg emits 'error' on a client whose connection dies while no query
 * is running, and an 'error' nobody listens to ends the process. The pool listens while a client is idle and the
 * caller is meant to while it holds one, but between the two there is a gap: a connection terminated in the same
 * network read that completed its start-up (PostgreSQL shutting down while the pool reconnects) errors after the
 * pool let go and before the caller has it (brianc/node-postgres#2762). `npm run chaos` found the worker host dying
 * there, inside the Prisma adapter's pool. So every client gets a listener of its own the moment it connects; the
 * broken client is still seen by its query, and the pool drops it on release.
 */
export function createPool(config: pg.PoolConfig, onLoss: ConnectionLoss = () => undefined): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', (err) => onLoss(err, 'idle'));
  pool.on('connect', (client) => client.on('error', (err) => onLoss(err, 'client')));
  return pool;
}
