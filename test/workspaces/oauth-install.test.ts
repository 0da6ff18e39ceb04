import { afterEach, describe, expect, it } from 'vitest';
import { snapshot, startTwoWorkspaces, TEAM_A, TEAM_B, type TwoWorkspaces } from './two-workspaces.js';

let w: TwoWorkspaces | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

describe('installing okrbot in many workspaces through OAuth', () => {
  it('installs two workspaces through /slack/install and keeps their tokens encrypted', async () => {
    w = await startTwoWorkspaces();
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
  });
});
