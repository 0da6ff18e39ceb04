import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { reusingStatements } from '../../../src/platform/db/open-database.js';

function memory() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id integer primary key, name text)');
  sqlite.exec("insert into t (name) values ('a'), ('b'), ('c')");
  return sqlite;
}

describe('reusingStatements', () => {
  it('prepares a query once and hands the same statement out again', () => {
    const db = reusingStatements(memory());
    const first = db.prepare('select name from t where id = ?');
    expect(db.prepare('select name from t where id = ?')).toBe(first);
    expect(first.all([2])).toEqual([{ name: 'b' }]);
    expect(db.prepare('select name from t where id = ?').all([3])).toEqual([{ name: 'c' }]);
  });

  it('gives a fresh statement beside one still being iterated, and both read correctly', () => {
    const db = reusingStatements(memory());
    const text = 'select name from t order by id';
    const rows = db.prepare(text).iterate([]);
    expect(rows.next().value).toEqual({ name: 'a' });
    const beside = db.prepare(text);
    expect(beside.all([])).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect([...rows]).toEqual([{ name: 'b' }, { name: 'c' }]);
  });

  it('keeps at most `limit` statements, dropping the least recently used', () => {
    const db = reusingStatements(memory(), 2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // used again: now the most recent
    db.prepare('select 3'); // over the limit: "select 2" goes
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('answers with the table as it is now after the schema changes', async () => {
    const sqlite = memory();
    const db = new Kysely<{ t: { id: number; name: string; team?: string } }>({
      dialect: new SqliteDialect({ database: reusingStatements(sqlite) }),
    });
    const all = () => db.selectFrom('t').selectAll().where('id', '=', 1).execute();
    expect(await all()).toEqual([{ id: 1, name: 'a' }]);
    await sql`alter table t add column team text default 'people'`.execute(db);
    expect(await all()).toEqual([{ id: 1, name: 'a', team: 'people' }]);
    await db.destroy();
  });
});
