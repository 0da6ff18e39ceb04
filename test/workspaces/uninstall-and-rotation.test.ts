import { afterEach, describe, expect, it } from 'vitest';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { dedupeKeyOf } from '../support/checkin-rounds.js';
import { dialectsUnderTest } from '../support/databases.js';
import { bravoOrgText, startTwoWorkspaces, TEAM_A, TEAM_B, type TwoWorkspaces } from './two-workspaces.js';

const MONDAY_SEOUL_10 = new Date('2026-11-23T01:00:00Z');

let w: TwoWorkspaces | undefined;
afterEach(async () => {
  await w?.stop();
  w = undefined;
});

const promptsTo = (w: TwoWorkspaces, team: string, user: string) =>
  w.slack
    .workspace(team)
    .messages(user)
    .filter((m) => dedupeKeyOf(m).startsWith('checkin-prompt:')).length;

describe.each(dialectsUnderTest())('a workspace that uninstalls okrbot (%s)', (dialect) => {
  it.each(['app_uninstalled', 'tokens_revoked'])(
    'is forgotten on %s: no jobs, no messages, no requests',
    async (kind) => {
      w = await startTwoWorkspaces({ dialect });
      await w.install(TEAM_A);
      await w.install(TEAM_B);
      await w.importOrg(TEAM_A, sampleOrgText());
      await w.importOrg(TEAM_B, bravoOrgText());
      w.slack.uninstall(TEAM_B);
      const event =
        kind === 'app_uninstalled'
          ? { type: 'app_uninstalled' }
          : { type: 'tokens_revoked', tokens: { oauth: [], bot: ['UBOT1'] } };
      expect((await w.client(TEAM_B).event(event)).status).toBe(200);
      const left = await w.db.selectFrom('installations').select('team_id').execute();
      expect(left.map((r) => r.team_id)).toEqual([TEAM_A]);

      w.clock.set(MONDAY_SEOUL_10);
      const report = await w.bot.tick(MONDAY_SEOUL_10);
      expect(Object.keys(report.workspaces ?? {})).toEqual([TEAM_A]);
      expect(promptsTo(w, TEAM_A, 'U01MINA')).toBe(1);
      expect(promptsTo(w, TEAM_B, 'UB1MINA')).toBe(0);
      expect(w.slack.workspace(TEAM_B).callsTo('chat.postMessage')).toEqual([]);

      const refused = await w
        .client(TEAM_B)
        .slashCommand({ command: '/okr', text: 'list', userId: 'UB2JOON' });
      expect(refused.status).toBe(401);
      expect(w.logs.some((l) => l.includes('"uninstalled"') && l.includes(TEAM_B))).toBe(true);
    },
  );

  it('skips, never misdirects, messages queued for it before it left', async () => {
    w = await startTwoWorkspaces({ dialect });
    await w.install(TEAM_A);
    await w.install(TEAM_B);
    await w.importOrg(TEAM_B, bravoOrgText());
    await w.bot.ctx.outbox.enqueue(
      w.db,
      [
        {
          teamId: TEAM_B,
          kind: 'test-note',
          dedupeKey: `test-note:${TEAM_B}:1`,
          method: 'chat.postMessage',
          target: 'UB1MINA',
          payload: { text: 'queued before the uninstall' },
        },
      ],
      w.clock.now(),
    );
    w.slack.uninstall(TEAM_B);
    await w.client(TEAM_B).event({ type: 'app_uninstalled' });
    const report = await w.bot.tick(w.clock.now());
    expect(report.outbox.skipped).toBe(1);
    const row = await w.db
      .selectFrom('outbox')
      .selectAll()
      .where('team_id', '=', TEAM_B)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('skipped');
    expect(w.slack.workspace(TEAM_A).callsTo('chat.postMessage')).toEqual([]);
  });
});

describe.each(dialectsUnderTest())('token rotation (%s)', (dialect) => {
  it('refreshes a token that expires within two hours before using it, and keeps the new one encrypted', async () => {
    w = await startTwoWorkspaces({ tokenLifetimeSec: 3600, dialect });
    await w.install(TEAM_A);
    await w.importOrg(TEAM_A, sampleOrgText());
    const before = await w.db.selectFrom('installations').selectAll().executeTakeFirstOrThrow();
    const [first] = w.slack.tokensOf(TEAM_A);
    expect(w.slack.oauthEvents.filter((e) => e.kind === 'refresh')).toEqual([]);

    w.clock.set(MONDAY_SEOUL_10);
    await w.bot.tick(MONDAY_SEOUL_10);
    expect(w.slack.oauthEvents.filter((e) => e.kind === 'refresh').length).toBeGreaterThanOrEqual(1);
    expect(promptsTo(w, TEAM_A, 'U01MINA')).toBe(1);
    const after = await w.db.selectFrom('installations').selectAll().executeTakeFirstOrThrow();
    expect(after.installation_enc).not.toBe(before.installation_enc);
    const tokens = w.slack.tokensOf(TEAM_A);
    expect(tokens.length).toBeGreaterThan(1);
    for (const t of tokens) expect(after.installation_enc).not.toContain(t);
    for (const t of tokens) expect(w.logs.join('\n')).not.toContain(t);
    expect(first).toBeDefined();
  });

  it('does not refresh a token with more than two hours left', async () => {
    w = await startTwoWorkspaces({ tokenLifetimeSec: 12 * 3600, dialect });
    await w.install(TEAM_A);
    await w.bot.tick(w.clock.now());
    expect(w.slack.oauthEvents.filter((e) => e.kind === 'refresh')).toEqual([]);
  });
});
