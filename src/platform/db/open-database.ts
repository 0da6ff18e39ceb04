import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * SQLite transactions that take the write lock at BEGIN (`begin immediate`). A deferred transaction that
 * reads and then writes cannot wait for a lock another process (an `okrbot tick`, a backup) holds: SQLite
 * fails it at once with SQLITE_BUSY to avoid a deadlock. Taken at BEGIN, the lock is waited for, up to the
 * busy timeout.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/**
 * better-sqlite3 with its prepared statements kept for reuse. Kysely prepares every query it runs, and
 * preparing costs about as much as running a small query: a check-in's save runs a dozen. Up to `limit`
 * distinct statements are kept (the least recently used goes first); one still being iterated (a streamed
 * read) is not handed out twice: a fresh one is prepared beside it.
 */
export function reusingStatements(sqlite: SQLite.Database, limit = 500): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text) => {
      const statement = kept.get(text);
      if (statement && !statement.busy) {
        kept.delete(text);
        kept.set(text, statement); // most recently used last
        return statement;
      }
      const fresh = sqlite.prepare(text);
      if (!statement) {
        kept.set(text, fresh);
        if (kept.size > limit) kept.delete(kept.keys().next().value as string);
      }
      return fresh;
    },
  };
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, without secrets, for logs. */
  description: string;
  /** True when the database answers a trivial query. Used by /healthz. */
  ping(): Promise<boolean>;
  /** SQLite only: an online backup to `file` (a consistent copy while okrbot keeps running). */
  backup?(file: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens `sqlite:PATH` (created with its folder when missing; WAL mode, busy timeout) or `postgres://…`.
 * `sqlite::memory:` gives a private in-memory database.
 */
export function openDatabase(url: string, options: { cwd?: string; poolSize?: number } = {}): DatabaseHandle {
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length), options.cwd ?? process.cwd());
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options.poolSize ?? 10);
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, got ${url.split(':')[0]}:`);
}

function openSqlite(path: string, cwd: string): DatabaseHandle {
  const inMemory = path === ':memory:';
  const file = inMemory ? path : resolve(cwd, path);
  let sqlite: SQLite.Database;
  try {
    if (!inMemory) mkdirSync(dirname(file), { recursive: true });
    sqlite = new SQLite(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the SQLite database at ${file}: ${reason}`);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    description: `sqlite:${file}`,
    ping: () => pingWith(db),
    backup: async (target: string) => {
      await sqlite.backup(target);
    },
    close: () => db.destroy(),
  };
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  // pg is loaded on first use, so a SQLite deployment never pays for it (~16 MB and 40 ms at start-up).
  const pool = async () => {
    const { default: pg } = await import('pg');
    const created = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    created.on('error', () => {});
    // Nor one that is checked out when the server goes away (Postgres restarting): its query fails, the pool
    // drops it, and the next query reconnects.
    created.on('connect', (client) => client.on('error', () => {}));
    return created;
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    description: `postgres://${parsed.host}${parsed.pathname}`,
    ping: () => pingWith(db),
    close: () => db.destroy(),
  };
}

async function pingWith(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
