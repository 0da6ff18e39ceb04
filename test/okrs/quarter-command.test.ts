import { describe, expect, it } from 'vitest';
import { runQuarterCommand } from '../../src/cli/quarter-command.js';
import { createObjective } from '../../src/okrs/index.js';
import { ensurePerson, ensureWorkspace } from '../../src/people/store.js';
import { freshDatabase, freshSqliteUrl } from '../support/databases.js';
import { memoryIo } from '../support/memory-io.js';

describe('okrbot quarter close', () => {
  it('closes without Slack, prints the report, and says so the second time', async () => {
    const t = await freshDatabase('sqlite');
    const at = new Date('2026-10-01T00:00:00Z');
    await ensureWorkspace(t.db, { teamId: 'T0CLI', name: 'CLI' }, at);
    await ensurePerson(t.db, { teamId: 'T0CLI', slackId: 'U01MINA', name: 'Mina' }, at);
    await createObjective(
      t.db,
      {
        teamId: 'T0CLI',
        quarter: '2026Q3',
        type: 'aspirational',
        ownerSlackId: 'U01MINA',
        text: 'Hire faster',
        keyResults: [
          {
            text: 'Reduce time-to-hire from 52 to 30 days',
            ownerSlackId: 'U01MINA',
            baseline: 52,
            target: 30,
            current: 36,
            unit: 'days',
          },
        ],
      },
      at,
    );
    await t.close();
    const env = { DATABASE_URL: t.url };
    const first = memoryIo(process.cwd());
    expect(await runQuarterCommand(['close', '2026Q3'], env, first.io)).toBe(0);
    expect(first.out()).toContain('Closed 2026Q3: 1 objective scored');
    expect(first.out()).toContain(
      'score 0.73: success at 0.73: 0.7 or more is success for an aspirational OKR',
    );
    expect(first.out()).toContain('SLACK_BOT_TOKEN is not set: nothing was sent');
    const second = memoryIo(process.cwd());
    expect(await runQuarterCommand(['close', '2026Q3'], env, second.io)).toBe(0);
    expect(second.out()).toMatch(/2026Q3 was already closed on \d{4}-\d{2}-\d{2}: nothing changed/);
  });

  it('rejects a bad quarter and an unknown subcommand with usage', async () => {
    const env = { DATABASE_URL: await freshSqliteUrl() };
    const a = memoryIo(process.cwd());
    expect(await runQuarterCommand(['close', 'Q9'], env, a.io)).toBe(2);
    expect(a.err()).toContain('QUARTER must look like 2026Q4');
    const b = memoryIo(process.cwd());
    expect(await runQuarterCommand(['open'], env, b.io)).toBe(2);
  });
});
