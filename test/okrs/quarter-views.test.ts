import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../src/localslack/block-kit-limits.js';
import {
  buildQuarterReport,
  closeQuarterPromptMessage,
  OKR_IDS,
  parseCloseButtonValue,
  quarterReportMessage,
  reflectionModal,
  shortfallMessage,
} from '../../src/okrs/index.js';

type Block = Record<string, unknown> & { type: string };

/** The data table rules from Slack's reference (the local validator does not know data_table yet). */
function dataTableProblems(b: Block): string[] {
  const rows = b.rows as Array<Array<{ type: string; text: string; value?: number }>>;
  const out: string[] = [];
  if (typeof b.caption !== 'string' || b.caption === '') out.push('caption required');
  if (rows.length < 2 || rows.length > 101) out.push(`rows ${rows.length}`);
  const width = rows[0]!.length;
  if (width < 1 || width > 20) out.push(`columns ${width}`);
  if (rows.some((r) => r.length !== width)) out.push('ragged rows');
  if (rows[0]!.some((c) => c.type !== 'raw_text')) out.push('header cells must be raw_text');
  if (rows.flat().some((c) => c.text.length < 1)) out.push('empty cell');
  if (rows.flat().reduce((n, c) => n + c.text.length, 0) > 10_000) out.push('over 10,000 characters');
  return out;
}

function report(objectives: number, krs: number, text = 'Reduce <time-to-hire> & more') {
  return buildQuarterReport({
    quarter: '2026Q4',
    nextQuarter: '2027Q1',
    team: {
      key: 'talent',
      name: 'Talent <Acquisition>',
      channelId: 'C0TALENT',
      leadSlackId: 'U02JOON',
      report: 'channel',
    },
    objectives: Array.from({ length: objectives }, (_, o) => ({
      id: `obj_${o}`,
      text: `${text} ${o} ${'x'.repeat(400)}`,
      type: (['committed', 'aspirational', 'cross-team'] as const)[o % 3]!,
      ownerSlackId: 'U02JOON',
      keyResults: Array.from({ length: krs }, (_, k) => ({
        id: `kr_${o}_${k}`,
        text: `${text} from 52 to 30 days ${'y'.repeat(300)}`,
        unit: 'days',
        baseline: 52,
        target: 30,
        final: 41 - k,
        direction: 'lower_is_better' as const,
        score: k === 0 ? null : 0.5,
        achievement: k === 0 ? null : 0.5,
        source: k === 0 ? ('not_scored' as const) : ('measured' as const),
        contributingTeam: { key: 'talent', name: 'Talent' },
        kpi: k === 1 ? { key: 'time-to-hire', name: 'Time to hire' } : null,
      })),
    })),
    blockerAnswers: [],
    candidates: [{ kpiKey: 'retention-90d', kpiName: '90-day retention', openedOn: '2026-11-15' }],
  });
}

describe('the quarter report message', () => {
  it.each([
    [1, 2],
    [3, 5],
    [40, 5],
  ])('stays within Block Kit limits with %i objectives of %i key results', (objectives, krs) => {
    const m = quarterReportMessage(report(objectives, krs));
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    const blocks = m.blocks as unknown as Block[];
    expect(validateBlocks(blocks, 'message')).toEqual([]);
    const tables = blocks.filter((b) => b.type === 'data_table');
    expect(tables).toHaveLength(1);
    expect(dataTableProblems(tables[0]!)).toEqual([]);
    expect(m.text).not.toMatch(/[<>]/);
    expect(m.text).toContain('&lt;time-to-hire&gt;');
  });

  it('shows numbers as raw_number cells and an over-achievement in words', () => {
    const r = report(1, 2);
    r.objectives[0]!.keyResults[1]!.scoreText = '1.0 (120%)';
    const table = (quarterReportMessage(r).blocks as unknown as Block[]).find(
      (b) => b.type === 'data_table',
    )!;
    const rows = table.rows as Array<Array<{ type: string; text: string; value?: number }>>;
    expect(rows[0]!.map((c) => c.text)).toEqual([
      'Objective',
      'Key result',
      'Baseline',
      'Final',
      'Target',
      'Score',
    ]);
    expect(rows[2]!.slice(2)).toEqual([
      { type: 'raw_number', value: 52, text: '52 days' },
      { type: 'raw_number', value: 40, text: '40 days' },
      { type: 'raw_number', value: 30, text: '30 days' },
      { type: 'raw_number', value: 0.5, text: '1.0 (120%)' },
    ]);
    expect(rows[1]![5]).toEqual({ type: 'raw_text', text: 'not scored' });
  });

  it('counts objectives that do not fit instead of dropping them silently', () => {
    const m = quarterReportMessage(report(40, 1));
    expect(JSON.stringify(m.blocks)).toMatch(/…and \d+ more objectives/);
  });

  it('says the aspirational rule in those words, and never names people', () => {
    const m = quarterReportMessage(report(3, 2));
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('0.7 or more is success for an aspirational OKR');
    expect(json).not.toContain('U02JOON');
    expect(json).toContain(OKR_IDS.carryOverAction);
  });
});

describe('the close DMs and the reflection modal', () => {
  it('the lead’s "Close 2026Q4" DM', () => {
    const m = closeQuarterPromptMessage({
      quarter: '2026Q4',
      teamName: 'Talent',
      teamKey: 'talent',
      activeObjectives: 3,
    });
    expect(validateBlocks(m.blocks, 'message')).toEqual([]);
    const button = (
      m.blocks[1] as { elements: Array<{ action_id: string; value: string; text: { text: string } }> }
    ).elements[0]!;
    expect(button).toMatchObject({ action_id: 'okr_close_quarter', text: { text: 'Close 2026Q4' } });
    expect(parseCloseButtonValue(button.value)).toEqual({ quarter: '2026Q4', teamKey: 'talent' });
  });

  it('the committed-shortfall DM and the reflection modal', () => {
    const m = shortfallMessage({
      objectiveId: 'obj_1',
      text: 'Hire <faster>',
      quarter: '2026Q4',
      scoreText: '0.75',
    });
    expect(validateBlocks(m.blocks, 'message')).toEqual([]);
    expect(m.text).toContain('Hire &lt;faster&gt;');
    expect(JSON.stringify(m.blocks)).toContain('"action_id":"okr_reflect"');
    const modal = reflectionModal({
      objectiveId: 'obj_1',
      text: 'Hire faster',
      scoreText: '0.75',
      initial: 'Earlier',
    });
    expect(validateView(modal)).toEqual([]);
    expect(modal).toMatchObject({ callback_id: 'okr_reflection', private_metadata: 'obj_1' });
  });
});
