import { describe, expect, it } from 'vitest';
import { checkinHelpRecipients } from '../../src/checkins/domain/help-recipients.js';
import { roundLabel } from '../../src/checkins/domain/round-labels.js';
import {
  checkinDigestMessage,
  checkinSummaryMessage,
} from '../../src/checkins/slack/views/checkin-channel.js';
import type { CheckinKeyResultView } from '../../src/checkins/slack/views/checkin-format.js';
import { helpReplyModal, helpRequestMessage } from '../../src/checkins/slack/views/checkin-help.js';
import { checkinModal, MAX_KRS_PER_MODAL } from '../../src/checkins/slack/views/checkin-modal.js';
import {
  checkedInMessage,
  checkinNudgeMessage,
  checkinPromptMessage,
} from '../../src/checkins/slack/views/checkin-prompt.js';
import { primaryTeams } from '../../src/checkins/team-settings.js';
import { objectiveListMessage } from '../../src/drafting/slack/views/objective-list.js';
import { homeView } from '../../src/home/slack/views/home-view.js';
import { validateBlocks, validateView } from '../../src/localslack/block-kit-limits.js';
import { formatMeasure, parseMeasuredValue } from '../../src/okrs/domain/measure.js';

describe('the value people type in a check-in', () => {
  it.each([
    ['41', 'days', 41],
    ['41.5', 'days', 41.5],
    ['1,200', null, 1200],
    ['41 days', 'days', 41],
    ['1 day', 'days', 1],
    ['  -3  ', 'points', -3],
    ['80%', '%', 80],
    ['80 %', '%', 80],
    ['.5', null, 0.5],
    ['12 hires', null, 12],
  ])('accepts %j (unit %s) as %d', (input, unit, value) => {
    expect(parseMeasuredValue(input, unit)).toEqual({ ok: true, value });
  });

  it.each([
    ['forty', 'days', 'not a number'],
    ['', 'days', 'Enter the current value'],
    ['41 hours', 'days', 'measured in days'],
    ['4.1.2', null, 'not a number'],
    ['12,00', null, 'not a number'],
    ['41 or 42', null, 'not a number'],
    ['1e400', null, 'not a number'],
  ])('rejects %j (unit %s), saying what to type', (input, unit, message) => {
    const parsed = parseMeasuredValue(input, unit);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it('shows values with their unit and rounds to two decimals', () => {
    expect(formatMeasure(41, 'days')).toBe('41 days');
    expect(formatMeasure(1200.456, null)).toBe('1,200.46');
    expect(formatMeasure(88, '%')).toBe('88%');
    expect(formatMeasure(null, 'days')).toBe('–');
    expect(roundLabel('2026-11-23')).toBe('Mon 23 Nov');
  });
});

const long = (n: number) => `Reduce the time it takes ${'to hire engineers '.repeat(n)}`.slice(0, 480);
const krs = (n: number): CheckinKeyResultView[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `kr_${String(i).padStart(32, '0')}`,
    text: `${long(30)} <#${i}> & more`,
    objective: long(20),
    unit: i % 2 ? '%' : 'days',
    baseline: 52,
    target: 30,
    current: 41 + i,
    direction: 'lower_is_better',
  }));

describe('check-in Block Kit stays within Slack’s limits', () => {
  it('an owner of 60 key results gets one prompt message that Slack accepts', () => {
    const message = checkinPromptMessage({
      name: 'Mina Park',
      roundKey: '2026-11-23',
      keyResults: krs(60),
      untilLabel: 'Mon 30 Nov, 10:00',
    });
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('and 20 more key results');
    const typed = checkinPromptMessage({
      name: 'Mina',
      roundKey: '2026-11-23',
      keyResults: [{ ...krs(1)[0]!, text: 'Cut churn <!channel> & <@U999>' }],
      untilLabel: 'x',
    });
    expect(JSON.stringify(typed.blocks)).toContain('Cut churn &lt;!channel&gt; &amp; &lt;@U999&gt;'); // cannot ping
    const done = checkedInMessage({
      roundKey: '2026-11-23',
      keyResults: krs(60).map((k, i) => ({
        ...k,
        answer: i < 50 ? { value: 40, confidence: 'at_risk' as const } : null,
      })),
      untilLabel: 'Mon 30 Nov, 10:00',
    });
    expect(validateBlocks(done.blocks, 'message')).toEqual([]);
    expect(done.text).toBe('Checked in 50 of 60 key results for Mon 23 Nov');
    expect(JSON.stringify(done.blocks)).toContain('Check in (10 left)');
    expect(
      validateBlocks(
        checkinNudgeMessage({ roundKey: '2026-11-23', keyResultCount: 60, untilLabel: 'x' }).blocks,
        'message',
      ),
    ).toEqual([]);
  });

  it('the modal holds at most 12 key results, says so, and fits 100 blocks and 3,000 characters of metadata', () => {
    const view = checkinModal({
      roundKey: '2026-11-23',
      untilLabel: 'Mon 30 Nov, 10:00',
      keyResults: krs(30).map((k) => ({
        ...k,
        initialValue: '41',
        confidence: 'on_track',
        changed: 'x'.repeat(1200),
        blockers: null,
        next: null,
      })),
      totalOwned: 30,
      editing: false,
    });
    expect(validateView(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const meta = JSON.parse(view.private_metadata!) as { r: string; k: string[] };
    expect(meta.k).toHaveLength(MAX_KRS_PER_MODAL);
    expect(view.private_metadata!.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(view.blocks)).toContain('You own 30 key results; this form holds 12');
  });

  it('thread summaries, digests, help requests and the reply form are valid at size', () => {
    const items = krs(30).map((k) => ({
      ...k,
      value: 40,
      confidence: 'off_track' as const,
      blockers: 'b'.repeat(900),
    }));
    expect(
      validateBlocks(
        checkinSummaryMessage({ ownerId: 'U1', name: 'Mina', edited: true, items }).blocks,
        'message',
      ),
    ).toEqual([]);
    const help = helpRequestMessage({
      ownerId: 'U1',
      ownerName: 'Mina Park',
      roundKey: '2026-11-23',
      role: 'manager',
      items,
    });
    expect(validateBlocks(help.blocks, 'message')).toEqual([]);
    expect(
      validateView(helpReplyModal({ ownerName: 'Mina Park', meta: { o: 'U1', r: '2026-11-23' } })),
    ).toEqual([]);
    const people = Array.from({ length: 400 }, (_, i) => ({
      id: `U${i}`,
      name: `Person ${i}`,
      pausedUntil: i % 7 ? null : '2026-12-01',
    }));
    const digest = checkinDigestMessage({
      teamName: 'Talent Acquisition',
      roundKey: '2026-11-23',
      answered: people.slice(0, 300),
      missing: people.slice(300),
      confidenceChanges: items.map((k) => ({
        text: k.text,
        owner: 'U1',
        from: 'on_track' as const,
        to: 'off_track' as const,
      })),
      blockers: Array.from({ length: 200 }, () => ({
        text: long(10),
        owner: 'U1',
        blocker: 'b'.repeat(400),
      })),
      noMovement: [],
    });
    expect(validateBlocks(digest.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(digest.blocks)).toMatch(/…and \d+ more/);
    expect(JSON.stringify(digest.blocks)).toContain('every key result moved');
  });
});

describe('who hears about a blocker', () => {
  const answer = (id: string, extra: { blockers?: string; confidence?: 'on_track' | 'off_track' }) => ({
    keyResultId: id,
    value: 1,
    confidence: extra.confidence ?? ('on_track' as const),
    changed: null,
    blockers: extra.blockers ?? null,
    nextFocus: null,
  });

  it('the objective owner and the manager, one DM each, never the person themselves, nothing when all is well', () => {
    const keyResults = new Map([
      ['a', { objective_owner: 'U_JOON' }],
      ['b', { objective_owner: 'U_SAM' }],
      ['c', { objective_owner: 'U_MINA' }],
    ]);
    const got = checkinHelpRecipients({
      owner: 'U_MINA',
      managerId: 'U_JOON',
      answers: [
        answer('a', { blockers: 'stuck' }),
        answer('b', { confidence: 'off_track' }),
        answer('c', { blockers: 'own objective' }),
      ],
      keyResults,
    });
    expect(got.map((r) => [r.recipient, r.role, r.items.map((i) => i.keyResultId)])).toEqual([
      ['U_JOON', 'objective owner and manager', ['a', 'b', 'c']],
      ['U_SAM', 'objective owner', ['b']],
    ]);
    expect(
      checkinHelpRecipients({ owner: 'U_MINA', managerId: 'U_JOON', answers: [answer('a', {})], keyResults }),
    ).toEqual([]);
  });
});

describe('an owner’s schedule', () => {
  it('follows the team holding most of their key results; ties go to the first key; no team counts last', () => {
    const got = primaryTeams([
      { owner: 'U1', teamKey: 'talent', count: 1 },
      { owner: 'U1', teamKey: 'people-ops', count: 3 },
      { owner: 'U2', teamKey: 'talent', count: 2 },
      { owner: 'U2', teamKey: 'eng', count: 2 },
      { owner: 'U3', teamKey: null, count: 5 },
      { owner: 'U3', teamKey: 'talent', count: 1 },
      { owner: 'U4', teamKey: null, count: 1 },
    ]);
    expect(Object.fromEntries(got)).toEqual({ U1: 'people-ops', U2: 'eng', U3: 'talent', U4: null });
  });
});

describe('the digest’s “no movement” section', () => {
  const base = {
    teamName: 'People Operations',
    roundKey: '2026-11-23',
    confidenceChanges: [],
    blockers: [],
    noMovement: [],
  };
  const said = (d: Parameters<typeof checkinDigestMessage>[0]) =>
    JSON.stringify(checkinDigestMessage(d).blocks);

  it('says every key result moved only when someone answered and three rounds can be compared', () => {
    const nobody = said({ ...base, answered: [], missing: [{ id: 'U3', name: 'Dana', pausedUntil: null }] });
    expect(nobody).not.toContain('every key result moved');
    expect(nobody).toContain('nobody answered this round');
    const early = said({
      ...base,
      answered: [{ id: 'U3', name: 'Dana' }],
      missing: [],
      noMovementChecked: false,
    });
    expect(early).not.toContain('every key result moved');
    expect(early).toContain('too early to tell');
    const moved = said({
      ...base,
      answered: [{ id: 'U3', name: 'Dana' }],
      missing: [],
      noMovementChecked: true,
    });
    expect(moved).toContain('every key result moved');
  });
});

describe('labels read right in every view', () => {
  const launch: CheckinKeyResultView = {
    id: 'kr_launch',
    text: 'Ship the onboarding portal',
    objective: 'Make the first ninety days the reason people stay',
    unit: 'launches',
    baseline: 0,
    target: 1,
    current: 1,
    direction: 'higher_is_better',
  };
  const tth: CheckinKeyResultView = {
    ...launch,
    id: 'kr_tth',
    text: 'Reduce engineering time-to-hire from 52 to 30 days',
    unit: 'days',
    baseline: 52,
    target: 30,
    current: 41,
    direction: 'lower_is_better',
  };
  const line = 'from 52 → now *41* → target 30 days   `▓▓▓▓▓░░░░░ 50%`';

  it('singular for one: 1 launch, 1 key result, 1 objective', () => {
    const prompt = JSON.stringify(
      checkinPromptMessage({ name: 'Dana', roundKey: '2026-11-23', keyResults: [launch], untilLabel: 'x' }),
    );
    expect(prompt).toContain('target 1 launch');
    expect(prompt).not.toContain('1 launches');
    expect(prompt).toContain('You own 1 key result.');
    const partial = checkedInMessage({
      roundKey: '2026-11-23',
      keyResults: [{ ...launch, answer: null }],
      untilLabel: 'x',
    });
    expect(JSON.stringify(partial.blocks)).toContain('*Checked in* 0 of 1 key result for Mon 23 Nov');
    const digest = JSON.stringify(
      checkinDigestMessage({
        teamName: 'People Operations',
        roundKey: '2026-11-23',
        answered: [{ id: 'U3', name: 'Dana' }],
        missing: [],
        confidenceChanges: [],
        blockers: [],
        noMovement: [{ text: launch.text, owner: 'U3', value: 1, unit: 'launches' }],
      }),
    );
    expect(digest).toContain('still 1 launch');
    const list = objectiveListMessage({
      quarter: '2026Q4',
      scope: 'People Operations',
      objectives: [{ id: 'o1', text: 'Keep new hires', type: 'committed', owner_slack_id: 'U4' } as never],
      keyResults: [{ ...launch, objective_id: 'o1', owner_slack_id: 'U3' } as never],
    });
    expect(list.text).toBe('People Operations: 1 objective for 2026Q4');
    expect(JSON.stringify(list.blocks)).toContain('(from 0 → now 1 → target 1 launch)');
    const home = JSON.stringify(
      homeView({
        name: 'Dana',
        keyResults: [launch],
        kpis: [{ key: 'ships', name: 'Ships', unit: 'launches', range: [1, 1], last: 1, state: 'ok' }],
        pausedUntil: null,
      }),
    );
    expect(home).toContain('last 1 launch, range 1–1 launch');
    expect(home).not.toContain('1 launches');
  });

  it('progress reads the same in the DM, the form, the Home tab and the channel', () => {
    const dm = JSON.stringify(
      checkinPromptMessage({ name: 'Mina', roundKey: '2026-11-23', keyResults: [tth], untilLabel: 'x' }),
    );
    const form = JSON.stringify(
      checkinModal({
        roundKey: '2026-11-23',
        untilLabel: 'x',
        keyResults: [
          { ...tth, initialValue: '41', confidence: null, changed: null, blockers: null, next: null },
        ],
        totalOwned: 1,
        editing: false,
      }),
    );
    const home = JSON.stringify(homeView({ name: 'Mina', keyResults: [tth], kpis: [], pausedUntil: null }));
    const thread = JSON.stringify(
      checkinSummaryMessage({
        ownerId: 'U1',
        name: 'Mina',
        edited: false,
        items: [{ ...tth, value: 41, confidence: 'at_risk', blockers: null }],
      }),
    );
    const expected = JSON.stringify(line).slice(1, -1);
    for (const view of [dm, form, home, thread]) expect(view).toContain(expected);
  });

  it('the form marks only the optional inputs optional: the value and the confidence are required', () => {
    const view = checkinModal({
      roundKey: '2026-11-23',
      untilLabel: 'x',
      keyResults: [
        { ...tth, initialValue: '41', confidence: null, changed: null, blockers: null, next: null },
      ],
      totalOwned: 1,
      editing: false,
    });
    const inputs = view.blocks.filter((b) => b.type === 'input') as Array<{
      block_id: string;
      optional?: boolean;
      label: { text: string };
    }>;
    expect(inputs.map((b) => [b.block_id.split(':').at(-1), b.optional === true])).toEqual([
      ['value', false],
      ['confidence', false],
      ['changed', true],
      ['blockers', true],
      ['next', true],
    ]);
    for (const b of inputs) expect(b.label.text).not.toMatch(/optional/i);
  });
});
