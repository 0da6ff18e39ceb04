// A whole quarter played through the local Slack, with time moved only by the real CLI: `okrbot tick --at`
// runs in-process against the same database and the LocalSlack URL, while the running bot answers the
// clicks and forms. Import in week 1, weekly rounds, the closing check-in (a 0.0–1.0 score for a key result
// without a baseline), no prompts after the last day, /okr close-quarter, the report (committed shortfall,
// aspirational 0.7 called success, a cross-team objective with each team's key results, the report sent to
// a lead alone), the reflection, carry-over into 2027Q1 through the /okr draft modal, and the new quarter's
// prompts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, knownIds } from '../../src/app/import/apply-import.js';
import { main } from '../../src/cli/main.js';
import { sampleOrgText } from '../../src/demo/sample-org.js';
import type { LocalMessage } from '../../src/localslack/types.js';
import { parseImportFile } from '../../src/people/index.js';
import { messagesOfKind } from '../support/checkin-rounds.js';
import { dialectsUnderTest } from '../support/databases.js';
import { type Harness, SIGNING_SECRET, startHarness } from '../support/harness.js';
import { memoryIo } from '../support/memory-io.js';

const MINA = 'U01MINA'; // Seoul: tth, offer-accept, first-merge (cross-team)
const JOON = 'U02JOON'; // Seoul: talent's lead, owns hire-faster and the cross-team objective
const DANA = 'U03DANA'; // New York: retention-90, onboarding-rating (cross-team, no baseline)
const SAM = 'U04SAM'; // London: people-ops' lead, owns keep-new-hires; people-ops reports to its lead only
const PRIYA = 'U05PRIYA'; // Kolkata: manager-score

/** The sample organisation, with people-ops' report going to its lead and a cross-team objective. */
function orgFile(): string {
  const text = sampleOrgText()
    .replace('    lead: U04SAM\n', '    lead: U04SAM\n    report: lead\n')
    .replace(
      'kpis:\n',
      `  - key: onboard-engineers
    team: talent
    quarter: 2026Q4
    type: cross-team
    owner: U02JOON
    text: New engineers ship in their first week, with recruiting and people-ops together
    key_results:
      - { key: first-merge, text: Cut new engineers' time to first merged change from 10 to 4 days by end of Q4,
          owner: U01MINA, baseline: 10, target: 4, unit: days }
      - { key: onboarding-rating, text: Get 20 new engineers to rate their onboarding 4 of 5 or better by end of Q4,
          owner: U03DANA, target: 20, unit: engineers }
kpis:\n`,
    );
  if (!text.includes('report: lead') || !text.includes('onboard-engineers'))
    throw new Error('sample changed');
  return text;
}

const json = (v: unknown) => JSON.stringify(v);
const textOf = (m: LocalMessage | undefined) => `${m?.text ?? ''}${json(m?.blocks ?? [])}`;

function buttonIn(m: LocalMessage, actionId: string, value?: string) {
  for (const b of (m.blocks ?? []) as Array<{
    type: string;
    block_id?: string;
    elements?: Array<{ action_id?: string; value?: string }>;
  }>) {
    const el =
      b.type === 'actions'
        ? b.elements?.find((e) => e.action_id === actionId && (value === undefined || e.value === value))
        : undefined;
    if (el?.value && b.block_id) return { block_id: b.block_id, value: el.value };
  }
  return undefined;
}

describe.each(dialectsUnderTest())('a whole quarter on %s, time moved by okrbot tick --at', (dialect) => {
  let h: Harness;
  let cwd: string;
  let started: number;
  beforeAll(async () => {
    started = Date.now();
    cwd = mkdtempSync(join(tmpdir(), 'okrbot-quarter-'));
    h = await startHarness({ dialect, now: '2026-10-05T00:00:00Z' });
  });
  afterAll(async () => {
    await h?.slack.waitForIdle();
    await h?.stop();
    // The whole quarter must stay quick enough to run with every change.
    expect(Date.now() - started).toBeLessThan(40_000);
  });

  /** `okrbot tick --at ISO` through the CLI's own entry, with the bot's clock moved to the same instant. */
  async function tick(iso: string): Promise<string> {
    h.clock.set(iso);
    const m = memoryIo(cwd);
    const env = {
      SLACK_BOT_TOKEN: h.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: h.slack.apiUrl,
      DATABASE_URL: h.databaseUrl,
      DEFAULT_TIME_ZONE: 'UTC',
      LOG_LEVEL: 'error',
    };
    const code = await main(['tick', '--at', iso], env, m.io);
    expect(code, `${m.out()}\n${m.err()}`).toBe(0);
    expect(m.out()).toContain(`tick at ${new Date(iso).toISOString()}`);
    return m.out();
  }
  const prompts = (user: string) => messagesOfKind(h, user, 'checkin-prompt');
  const dms = (user: string) => h.slack.messages(h.slack.ensureDm(user)).filter((m) => !m.ephemeral);
  const krId = async (key: string) =>
    (await h.db.selectFrom('key_results').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;

  async function openCheckin(user: string, prompt: LocalMessage): Promise<string> {
    const before = h.slack.callsTo('views.open').length;
    await h.client.blockAction({
      userId: user,
      actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
      message: { channel: prompt.channel, ts: prompt.ts },
    });
    const call = await h.slack.nthCall('views.open', before);
    expect(call.response.ok).toBe(true);
    return (call.response.view as { id: string }).id;
  }

  type Fill = { value: string; confidence?: string; blockers?: string; score?: string };
  async function fillCheckin(viewId: string, answers: Record<string, Fill>) {
    for (const [key, a] of Object.entries(answers)) {
      const id = await krId(key);
      h.client.setViewValue(viewId, `kr:${id}:value`, 'value', a.value);
      h.client.setViewValue(viewId, `kr:${id}:confidence`, 'confidence', a.confidence ?? 'on_track');
      if (a.blockers) h.client.setViewValue(viewId, `kr:${id}:blockers`, 'blockers', a.blockers);
      if (a.score !== undefined) h.client.setViewValue(viewId, `kr:${id}:score`, 'score', a.score);
    }
  }

  async function checkIn(user: string, answers: Record<string, Fill>) {
    const viewId = await openCheckin(user, prompts(user).at(-1)!);
    await fillCheckin(viewId, answers);
    expect(await h.client.submitView(viewId, user)).toEqual({});
    await h.slack.waitForIdle();
  }

  it('week 1: the import, then Monday 10:00 prompts each owner in their own zone', async () => {
    const parsed = parseImportFile(orgFile(), await knownIds(h.db, h.teamId));
    if (!parsed.ok) throw new Error(json(parsed.problems));
    await applyImport(h.db, h.teamId, parsed.file, h.clock.now());
    expect(
      (await h.db.selectFrom('teams').select(['key', 'report']).orderBy('key').execute()).map(
        (t) => t.report,
      ),
    ).toEqual(['lead', 'channel']); // people-ops, talent

    await tick('2026-10-05T01:00:00Z'); // 10:00 in Seoul
    await tick('2026-10-05T04:30:00Z'); // 10:00 in Kolkata
    await tick('2026-10-05T14:00:00Z'); // 10:00 in New York
    expect(prompts(MINA)).toHaveLength(1);
    expect(prompts(PRIYA)).toHaveLength(1);
    expect(prompts(DANA)).toHaveLength(1);
    expect(textOf(prompts(MINA)[0])).toContain('time to first merged change');
    expect(textOf(prompts(MINA)[0])).not.toContain('closing check-in');
    await checkIn(MINA, {
      tth: { value: '48', blockers: 'Hiring managers take two weeks to give interview feedback' },
      'offer-accept': { value: '74' },
      'first-merge': { value: '9' },
    });
  });

  it('week 2: another round, the same blocker again', async () => {
    await tick('2026-10-12T01:00:00Z');
    expect(prompts(MINA)).toHaveLength(2);
    const viewId = await openCheckin(MINA, prompts(MINA).at(-1)!);
    // No score box outside the closing check-in.
    expect(json(h.slack.view(viewId)?.blocks)).not.toContain(':score"');
    await fillCheckin(viewId, {
      tth: {
        value: '44',
        confidence: 'at_risk',
        blockers: 'Hiring managers still slow with interview feedback',
      },
      'offer-accept': { value: '76' },
      'first-merge': { value: '8' },
    });
    expect(await h.client.submitView(viewId, MINA)).toEqual({});
  });

  it('the last round inside the quarter is its closing check-in: final values, and a 0.0–1.0 score where there is no baseline', async () => {
    await tick('2026-12-28T01:00:00Z'); // Monday 28 December, 10:00 in Seoul
    await tick('2026-12-28T04:30:00Z'); // Kolkata
    await tick('2026-12-28T15:00:00Z'); // New York
    for (const user of [MINA, PRIYA, DANA])
      expect(textOf(prompts(user).at(-1))).toContain('This is the closing check-in of 2026Q4');
    // Only Dana has a key result without a baseline, so only her prompt asks for a score too.
    expect(textOf(prompts(DANA).at(-1))).toContain('and a score from 0.0 to 1.0 for one without a baseline');
    expect(textOf(prompts(MINA).at(-1))).not.toContain('a score from 0.0 to 1.0');

    // Dana's form: a final value for each key result, and a score box only for the one without a baseline.
    const rating = await krId('onboarding-rating');
    const retention = await krId('retention-90');
    const viewId = await openCheckin(DANA, prompts(DANA).at(-1)!);
    const blocks = h.slack.view(viewId)!.blocks as Array<{ block_id?: string; label?: { text: string } }>;
    expect(blocks.filter((b) => b.block_id?.endsWith(':score')).map((b) => b.block_id)).toEqual([
      `kr:${rating}:score`,
    ]);
    expect(blocks.find((b) => b.block_id === `kr:${rating}:score`)?.label?.text).toBe(
      'Score for 2026Q4, from 0.0 to 1.0',
    );
    expect(blocks.find((b) => b.block_id === `kr:${retention}:value`)?.label?.text).toBe('Final value (%)');
    expect(json(blocks)).toContain('This is the closing check-in of 2026Q4');

    // 1.3 and "abc" are refused on the score box, and nothing is stored.
    const stored = async () => ({
      checkins: (await h.db.selectFrom('checkins').select('id').where('owner_slack_id', '=', DANA).execute())
        .length,
      score: (
        await h.db
          .selectFrom('key_results')
          .select(['closing_score', 'current'])
          .where('id', '=', rating)
          .executeTakeFirstOrThrow()
      ).closing_score,
    });
    const before = await stored();
    for (const [bad, message] of [
      ['1.3', '1.3 is outside 0.0–1.0'],
      ['abc', '"abc" is not a number'],
    ] as const) {
      await fillCheckin(viewId, {
        'retention-90': { value: '87.6' },
        'onboarding-rating': { value: '12', score: bad },
      });
      const refused = (await h.client.submitView(viewId, DANA)) as {
        response_action?: string;
        errors?: Record<string, string>;
      };
      expect(refused.response_action).toBe('errors');
      expect(Object.keys(refused.errors ?? {})).toEqual([`kr:${rating}:score`]);
      expect(refused.errors?.[`kr:${rating}:score`]).toContain(message);
      expect(await stored()).toEqual(before);
    }
    await fillCheckin(viewId, {
      'retention-90': { value: '87.6' },
      'onboarding-rating': { value: '12', score: '0.6' },
    });
    expect(await h.client.submitView(viewId, DANA)).toEqual({});
    expect((await stored()).score).toBe(0.6);

    await checkIn(MINA, {
      tth: { value: '34 days' },
      'offer-accept': { value: '80' },
      'first-merge': { value: '7' },
    });
    await checkIn(PRIYA, { 'manager-score': { value: '3.72' } });
  });

  it('no prompt for the quarter’s key results starts after its last day', async () => {
    const counts = () => [MINA, PRIYA, DANA].map((u) => prompts(u).length);
    const before = counts();
    await tick('2027-01-04T01:00:00Z');
    await tick('2027-01-04T04:30:00Z');
    await tick('2027-01-04T15:00:00Z');
    expect(counts()).toEqual(before);
    // The lead was asked to close (the day after the quarter ended); nothing closed by itself.
    expect(dms(JOON).some((m) => buttonIn(m, 'okr_close_quarter'))).toBe(true);
    const statuses = await h.db.selectFrom('objectives').select('status').execute();
    expect(statuses.every((s) => s.status === 'active')).toBe(true);
  });

  it('/okr close-quarter by the lead: the report grades by type, with the cross-team objective shared', async () => {
    h.clock.set('2027-01-04T16:00:00Z');
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'close-quarter',
      userId: JOON,
      channelId: 'C0TALENT',
    });
    expect(res.status).toBe(200);
    const findReport = () => h.slack.messages('C0TALENT').find((m) => /2026Q4 closed/.test(json(m.blocks)));
    await expect.poll(findReport).toBeDefined();
    const report = textOf(findReport());
    // Committed: 0.82 and 0.5 → 0.66, a shortfall.
    expect(report).toContain('Committed · score *0.66*');
    // Cross-team: each contributing team's key results and scores, no single scorer, no people named.
    expect(report).toContain('Cross-team · score *0.55*');
    expect(report).toContain('no single scorer');
    expect(report).toMatch(
      /_Talent Acquisition_: Cut new engineers' time to first merged change[^;]*\(0\.5\)/,
    );
    expect(report).toMatch(/_People Operations_: Get 20 new engineers[^(]*\(0\.6\)/);
    expect(report).toContain('0.6 (closing check-in)');
    expect(report).not.toMatch(/<@U|U01MINA|U03DANA|U02JOON/);
    // Blockers that came up in two rounds, and the KPI watch that follows.
    expect(report).toContain('Blockers that came up in two or more rounds');
    expect(report).toContain('Hiring managers still slow with interview feedback');
    expect(report).toContain('time-to-hire is watched for the next two quarters');
    const rating = await h.db
      .selectFrom('key_results')
      .select(['score', 'score_source', 'final_value'])
      .where('key', '=', 'onboarding-rating')
      .executeTakeFirstOrThrow();
    expect(rating).toEqual({ score: 0.6, score_source: 'closing_checkin', final_value: 12 });
  });

  it('the committed shortfall’s owner answers "What got in the way?"', async () => {
    await expect.poll(() => dms(JOON).some((m) => buttonIn(m, 'okr_reflect'))).toBe(true);
    const shortfall = dms(JOON).find((m) => buttonIn(m, 'okr_reflect'))!;
    await h.client.blockAction({
      userId: JOON,
      actions: [{ action_id: 'okr_reflect', ...buttonIn(shortfall, 'okr_reflect')! }],
      message: { channel: shortfall.channel, ts: shortfall.ts },
    });
    const opened = await h.slack.waitFor(
      (c) => c.method === 'views.open' && json(c.args).includes('okr_reflection'),
    );
    const viewId = String((opened.response as { view?: { id?: string } }).view?.id);
    h.client.setViewValue(viewId, 'reflection', 'text', 'Feedback loops with hiring managers stayed slow');
    expect(await h.client.submitView(viewId, JOON)).toEqual({});
    const rows = await h.db.selectFrom('objective_reflections').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(json(rows[0])).toContain('Feedback loops with hiring managers stayed slow');
  });

  it('people-ops closes too: 0.7 is called success, and the report goes to its lead alone', async () => {
    const res = await h.client.slashCommand({
      command: '/okr',
      text: 'close-quarter 2026Q4',
      userId: SAM,
      channelId: 'C0PEOPLE',
    });
    expect(res.status).toBe(200);
    const findReport = () => dms(SAM).find((m) => /2026Q4 closed/.test(json(m.blocks)));
    await expect.poll(findReport).toBeDefined();
    const report = textOf(findReport());
    expect(report).toContain('Aspirational · score *0.7*');
    expect(report).toContain('0.7 or more is success for an aspirational OKR');
    expect(h.slack.messages('C0PEOPLE').some((m) => /2026Q4 closed/.test(json(m.blocks)))).toBe(false);
    const open = await h.db.selectFrom('objectives').select('key').where('status', '!=', 'closed').execute();
    expect(open).toEqual([]);
  });

  it('carries the committed objective into 2027Q1 through the /okr draft modal, final values as baselines', async () => {
    const hire = await h.db
      .selectFrom('objectives')
      .select('id')
      .where('key', '=', 'hire-faster')
      .executeTakeFirstOrThrow();
    const report = h.slack.messages('C0TALENT').find((m) => buttonIn(m, 'okr_carry_over', hire.id))!;
    const button = buttonIn(report, 'okr_carry_over', hire.id)!;
    expect(json(report.blocks)).toContain('Carry over to 2027Q1');
    const before = h.slack.callsTo('views.open').length;
    await h.client.blockAction({
      userId: JOON,
      actions: [{ action_id: 'okr_carry_over', ...button }],
      message: { channel: report.channel, ts: report.ts },
    });
    const opened = await h.slack.nthCall('views.open', before);
    const viewId = (opened.response.view as { id: string }).id;
    const view = json(h.slack.view(viewId)?.blocks);
    expect(view).toContain('from 34 to 30 days by 2027-03-31');
    expect(view).toContain('from 80% to 88% by 2027-03-31');
    expect(await h.client.submitView(viewId, JOON)).toEqual({});
    // The draft is saved after the ack.
    const carriedRow = () =>
      h.db.selectFrom('objectives').selectAll().where('quarter', '=', '2027Q1').executeTakeFirst();
    await expect.poll(carriedRow).toBeDefined();
    const carried = (await carriedRow())!;
    expect(carried).toMatchObject({ team_key: 'talent', status: 'active', type: 'committed' });
    const krs = await h.db
      .selectFrom('key_results')
      .select(['baseline', 'target', 'owner_slack_id'])
      .where('objective_id', '=', carried.id)
      .orderBy('position')
      .execute();
    expect(krs).toEqual([
      { baseline: 34, target: 30, owner_slack_id: MINA },
      { baseline: 80, target: 88, owner_slack_id: MINA },
    ]);
  });

  it('prompts start for the new quarter’s objective, and never again for the closed one', async () => {
    const before = prompts(MINA).length;
    const dana = prompts(DANA).length;
    await tick('2027-01-11T01:00:00Z');
    expect(prompts(MINA)).toHaveLength(before + 1);
    const latest = textOf(prompts(MINA).at(-1));
    expect(latest).toContain('from 34 to 30 days by 2027-03-31');
    expect(latest).not.toContain('from 52 to 30 days');
    expect(latest).not.toContain('closing check-in');
    await tick('2027-01-11T15:00:00Z'); // 10:00 in New York: Dana owns nothing in 2027Q1
    expect(prompts(DANA)).toHaveLength(dana);
  });
});
