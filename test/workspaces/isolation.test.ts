import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import { SNOOZE_BLOCKS } from '../../src/kpis/slack/views/kpi-snooze-modal.js';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import type { SignedClient } from '../../src/localslack/signed-client.js';
import { OKR_BLOCKS, OKR_IDS } from '../../src/okrs/index.js';
import { dedupeKeyOf } from '../support/checkin-rounds.js';
import { dialectsUnderTest } from '../support/databases.js';
import {
  bravoOrgText,
  snapshot,
  startTwoWorkspaces,
  TEAM_A,
  TEAM_B,
  type TwoWorkspaces,
} from './two-workspaces.js';

const MONDAY_SEOUL_10 = new Date('2026-11-23T01:00:00Z');

/** A view submission built by hand (what a tampered client would send), signed like Slack's. */
async function submitForged(
  client: SignedClient,
  teamId: string,
  userId: string,
  view: { callback_id: string; private_metadata: string; values: Record<string, unknown> },
) {
  const payload = {
    type: 'view_submission',
    team: { id: teamId, domain: 'forged' },
    user: { id: userId, username: userId, name: userId, team_id: teamId },
    api_app_id: 'A0LOCAL',
    token: 'local-verification-token',
    trigger_id: '1.2.3',
    view: {
      id: 'VFORGED1',
      team_id: teamId,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      hash: '1.abc',
      blocks: [],
      state: { values: view.values },
    },
    response_urls: [],
    is_enterprise_install: false,
  };
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const ts = Math.floor(Date.now() / 1000);
  return client.rawPost(body, {
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': client.sign(ts, body),
  });
}

async function postReadings(w: TwoWorkspaces, token: string, readings: unknown[]) {
  const res = await fetch(`http://127.0.0.1:${w.bot.port}/api/v1/readings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ readings }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.each(dialectsUnderTest())('two workspaces served by one okrbot (%s)', (dialect) => {
  let w: TwoWorkspaces;
  let tokenA: string;
  let tokenB: string;
  let alertB: string;
  let objectiveB: string;

  beforeAll(async () => {
    w = await startTwoWorkspaces({ dialect });
    expect(await w.install(TEAM_A)).toBe(200);
    expect(await w.install(TEAM_B)).toBe(200);
    await w.importOrg(TEAM_A, sampleOrgText());
    await w.importOrg(TEAM_B, bravoOrgText());
    tokenA = (await createApiToken(w.db, TEAM_A, 'a-sheet', w.clock.now())).token;
    tokenB = (await createApiToken(w.db, TEAM_B, 'b-sheet', w.clock.now())).token;
    objectiveB = (
      await w.db
        .selectFrom('objectives')
        .select('id')
        .where('team_id', '=', TEAM_B)
        .where('key', '=', 'hire-faster')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await w?.stop();
  });

  it("sends each workspace's readings, alerts and messages with that workspace's own token", async () => {
    const res = await postReadings(w, tokenB, [
      { kpi: 'bravo-sla', period: '2026-W46', value: 97 },
      { kpi: 'bravo-sla', period: '2026-W47', value: 80 },
    ]);
    expect(res.status).toBe(200);
    await w.bot.tick(w.clock.now());
    const b = w.slack.workspace(TEAM_B);
    expect(b.messages('CBPEOPLE').some((m) => dedupeKeyOf(m).startsWith('kpi-alert'))).toBe(true);
    expect(w.slack.workspace(TEAM_A).messages('C0PEOPLE')).toEqual([]);
    const alert = await w.db
      .selectFrom('alerts')
      .select(['id', 'team_id'])
      .where('status', '=', 'firing')
      .executeTakeFirstOrThrow();
    expect(alert.team_id).toBe(TEAM_B);
    alertB = alert.id;
  });

  it('runs the check-in round for both workspaces, each in its own Slack', async () => {
    w.clock.set(MONDAY_SEOUL_10);
    const report = await w.bot.tick(MONDAY_SEOUL_10);
    expect(Object.keys(report.workspaces ?? {}).sort()).toEqual([TEAM_A, TEAM_B]);
    const a = w.slack.workspace(TEAM_A);
    const b = w.slack.workspace(TEAM_B);
    const promptsIn = (slack: typeof a, user: string) =>
      slack.messages(user).filter((m) => dedupeKeyOf(m).startsWith('checkin-prompt:')).length;
    expect(promptsIn(a, 'U01MINA')).toBe(1);
    expect(promptsIn(b, 'UB1MINA')).toBe(1);
    // Nothing of B's reached A's Slack, and nothing was skipped for want of the right token.
    expect(a.callsTo('chat.postMessage').filter((c) => String(c.args.channel).startsWith('UB'))).toEqual([]);
    expect(report.outbox.skipped).toBe(0);
    const sent = await w.db.selectFrom('outbox').select(['team_id', 'status']).execute();
    expect(sent.filter((r) => r.status !== 'sent')).toEqual([]);
  });

  it("refuses A's readings-API token for B's KPI, and writes nothing", async () => {
    const before = await snapshot(w.db);
    const res = await postReadings(w, tokenA, [{ kpi: 'bravo-sla', period: '2026-W47', value: 10 }]);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await snapshot(w.db)).toEqual(before);
  });

  it('refuses a command whose team.id is forged, and shows nothing of the other workspace', async () => {
    const before = await snapshot(w.db);
    const forged = w.client(TEAM_A, TEAM_B);
    const list = await forged.slashCommand({ command: '/okr', text: 'list', userId: 'U01MINA' });
    expect(JSON.stringify(list.body)).not.toContain('BRAVO-ONLY');
    expect(JSON.stringify(list.body)).toContain('does not serve your workspace');
    const log = await forged.slashCommand({ command: '/kpi', text: 'log bravo-sla 10', userId: 'U01MINA' });
    expect(JSON.stringify(log.body)).not.toMatch(/UB\d|HR request|recorded|saved/);
    expect(JSON.stringify(log.body)).toContain('does not serve your workspace');
    // The real client of B, for B's own user, is served: the refusal above is about the forged workspace.
    const real = await w.client(TEAM_B).slashCommand({ command: '/okr', text: 'list', userId: 'UB2JOON' });
    expect(JSON.stringify(real.body)).toContain('BRAVO-ONLY');
    const unknown = w.client(TEAM_A, 'TZZZZZZZZ');
    const refused = await unknown.slashCommand({ command: '/okr', text: 'list', userId: 'U01MINA' });
    expect(refused.status).toBe(401);
    expect(await snapshot(w.db)).toEqual(before);
  });

  it("refuses B's ids in private_metadata submitted from A, and writes nothing", async () => {
    const before = await snapshot(w.db);
    const a = w.client(TEAM_A);
    const snooze = await submitForged(a, TEAM_A, 'U01MINA', {
      callback_id: 'kpi_snooze',
      private_metadata: JSON.stringify({ a: alertB, m: 'channel' }),
      values: {
        [SNOOZE_BLOCKS.length]: { value: { type: 'static_select', selected_option: { value: 'week' } } },
        [SNOOZE_BLOCKS.reason]: { value: { type: 'plain_text_input', value: 'not mine to snooze' } },
      },
    });
    expect(snooze.status).toBe(200);
    const reflection = await submitForged(a, TEAM_A, 'U02JOON', {
      callback_id: OKR_IDS.reflectionView,
      private_metadata: objectiveB,
      values: {
        [OKR_BLOCKS.reflection]: { [OKR_BLOCKS.reflectionText]: { type: 'plain_text_input', value: 'x' } },
      },
    });
    expect(reflection.status).toBe(200);
    expect(JSON.stringify(reflection.body)).toContain('errors');
    expect(await snapshot(w.db)).toEqual(before);
    const alert = await w.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', alertB)
      .executeTakeFirstOrThrow();
    expect(alert.status).toBe('firing');
  });

  it('never logs a token or secret', () => {
    const text = w.logs.join('\n');
    for (const t of [...w.slack.tokensOf(TEAM_A), ...w.slack.tokensOf(TEAM_B), tokenA, tokenB])
      expect(text).not.toContain(t);
    expect(text).not.toContain(w.config.oauth!.clientSecret);
    expect(text).not.toContain(w.config.oauth!.encryptionKey.toString('base64'));
  });
});
