import { afterEach, describe, expect, it } from 'vitest';
import { dialectsUnderTest } from '../support/databases.js';
import { snapshot, startTwoWorkspaces, TEAM_A, TEAM_B, type TwoWorkspaces } from './two-workspaces.js';

let w: TwoWorkspaces | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe.each(dialectsUnderTest())('installing okrbot in many workspaces through OAuth (%s)', (dialect) => {
  it('installs two workspaces through /slack/install and keeps their tokens encrypted', async () => {
    w = await startTwoWorkspaces({ dialect });
    expect(await w.install(TEAM_A)).toBe(200);
    expect(await w.install(TEAM_B)).toBe(200);
    const rows = await w.db.selectFrom('installations').selectAll().orderBy('team_id').execute();
    expect(rows.map((r) => r.team_id)).toEqual([TEAM_A, TEAM_B]);
    const tokens = [...w.slack.tokensOf(TEAM_A), ...w.slack.tokensOf(TEAM_B)];
    expect(tokens).toHaveLength(2);
    const stored = JSON.stringify(await snapshot(w.db));
    for (const t of tokens) expect(stored).not.toContain(t);
    for (const t of tokens) expect(w.logs.join('\n')).not.toContain(t);
    const workspaces = await w.db.selectFrom('workspaces').select('team_id').orderBy('team_id').execute();
    expect(workspaces.map((r) => r.team_id)).toEqual([TEAM_A, TEAM_B]);
    const ready = await fetch(`http://127.0.0.1:${w.bot.port}/readyz`);
    expect(await ready.json()).toMatchObject({ ok: true, checks: { slack_token: 'valid' } });
  });

  it('refuses a callback whose state was not started in this browser, and installs nothing', async () => {
    w = await startTwoWorkspaces({ dialect });
    const start = await fetch(`http://127.0.0.1:${w.bot.port}/slack/install`, { redirect: 'manual' });
    const approve = new URL(start.headers.get('location') ?? '');
    approve.searchParams.set('team', TEAM_A);
    const approved = await fetch(approve, { redirect: 'manual' });
    const back = await fetch(approved.headers.get('location') ?? '', { redirect: 'manual' });
    expect(back.status).toBe(400);
    expect(await back.text()).toContain('could not be installed');
    expect(await w.db.selectFrom('installations').selectAll().execute()).toEqual([]);
  });
});
