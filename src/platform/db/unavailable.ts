/** SQLite and Postgres error codes that mean "the database cannot take this now; try again shortly". */
const UNAVAILABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  '57P01', // admin_shutdown (Postgres restarting)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (Postgres starting up)
]);

/**
 * True when a query failed because the database is busy or briefly unreachable (SQLite locked by another
 * process past the busy timeout, Postgres restarting), not because of what was asked: nothing was written,
 * and the same request can be sent again.
 */
export function databaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (UNAVAILABLE.has(code) || code.startsWith('SQLITE_BUSY'))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|terminating connection/.test(message);
}
