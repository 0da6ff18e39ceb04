import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/platform/db/open-database.js';

/** Set by .ci/run (and by developers who start .ci/start-postgres.sh) to run storage tests on Postgres too. */
export const POSTGRES_URL = process.env.OKRBOT_TEST_POSTGRES_URL;

/** The dialects storage tests run on. In CI, Postgres is required: a missing server fails, it never skips. */
export function dialectsUnderTest(): Dialect[] {
  if (POSTGRES_URL) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error('OKRBOT_TEST_POSTGRES_URL must be set in CI (see .ci/run)');
  return ['sqlite'];
}

export interface TestDatabase extends DatabaseHandle {
  url: string;
  /** Closes and deletes the database. */
  drop(): Promise<void>;
}

/** A new, migrated, empty database of the given dialect. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  const url = dialect === 'sqlite' ? await freshSqliteUrl() : await freshPostgresUrl();
  const handle = openDatabase(url);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      if (dialect === 'postgres') await dropPostgres(url);
    },
  };
}

export async function freshSqliteUrl(): Promise<string> {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'okrbot-test-')), 'okrbot.db')}`;
}

export async function freshPostgresUrl(): Promise<string> {
  if (!POSTGRES_URL) throw new Error('OKRBOT_TEST_POSTGRES_URL is not set');
  const name = `okrbot_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgres(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
