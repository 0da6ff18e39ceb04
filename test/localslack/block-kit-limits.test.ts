import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../src/localslack/block-kit-limits.js';

const pt = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const opt = (text: string, value = text) => ({ text: pt(text), value });
const section = (text: string) => ({ type: 'section', text: md(text) });
const button = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  text: pt(text),
  action_id: `a_${text.length}_${Math.random()}`,
  ...extra,
});
const input = (block_id: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'input',
  block_id,
  label: pt('Label'),
  element: { action_id: 'value', ...element },
  ...extra,
});
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: pt('New objective'),
  submit: pt('Save'),
  close: pt('Cancel'),
  blocks,
  ...extra,
});

/** The single problem for `blocks`, asserting there is exactly one and that it points at `pointer`. */
function oneProblem(problems: string[], pointer: string): string {
  expect(problems, problems.join('\n')).toHaveLength(1);
  expect(problems[0]).toContain(`[json-pointer:${pointer}]`);
  return problems[0] as string;
}

describe('validateBlocks', () => {
  it('accepts a realistic check-in message', () => {
    const blocks = [
      { type: 'header', text: pt('Weekly check-in') },
      { type: 'section', text: md('*Grow revenue*'), fields: [md('Owner'), md('Mina')] },
      { type: 'divider' },
      {
        type: 'context',
        elements: [md('Due Friday'), { type: 'image', image_url: 'https://x/y.png', alt_text: 'cal' }],
      },
      {
        type: 'actions',
        block_id: 'act',
        elements: [
          { type: 'button', text: pt('Update'), action_id: 'update', value: 'kr1', style: 'primary' },
          { type: 'static_select', action_id: 'pick', options: [opt('On track'), opt('At risk')] },
        ],
      },
    ];
    expect(validateBlocks(blocks, 'message')).toEqual([]);
  });

  it('limits blocks per surface: 50 in messages, 100 in modals and home tabs', () => {
    const many = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(validateBlocks(many(50), 'message')).toEqual([]);
    oneProblem(validateBlocks(many(51), 'message'), '/blocks');
    expect(validateBlocks(many(100), 'modal')).toEqual([]);
    oneProblem(validateBlocks(many(101), 'home'), '/blocks');
  });

  it('requires section text of 1–3000 chars and at most 10 fields of at most 2000', () => {
    expect(validateBlocks([section('x'.repeat(3000))], 'message')).toEqual([]);
    oneProblem(validateBlocks([section('x'.repeat(3001))], 'message'), '/blocks/0/text/text');
    oneProblem(validateBlocks([section('')], 'message'), '/blocks/0/text/text');
    oneProblem(validateBlocks([{ type: 'section' }], 'message'), '/blocks/0');
    const fields = (n: number, len = 5) => Array.from({ length: n }, () => md('f'.repeat(len)));
    expect(validateBlocks([{ type: 'section', fields: fields(10) }], 'message')).toEqual([]);
    oneProblem(validateBlocks([{ type: 'section', fields: fields(11) }], 'message'), '/blocks/0/fields');
    oneProblem(
      validateBlocks([{ type: 'section', fields: fields(1, 2001) }], 'message'),
      '/blocks/0/fields/0/text',
    );
  });

  it('limits header to plain_text ≤150 and context to 10 elements', () => {
    oneProblem(
      validateBlocks([{ type: 'header', text: pt('h'.repeat(151)) }], 'message'),
      '/blocks/0/text/text',
    );
    oneProblem(validateBlocks([{ type: 'header', text: md('h') }], 'message'), '/blocks/0/text/type');
    const ctx = (n: number) => ({ type: 'context', elements: Array.from({ length: n }, () => md('c')) });
    expect(validateBlocks([ctx(10)], 'message')).toEqual([]);
    oneProblem(validateBlocks([ctx(11)], 'message'), '/blocks/0/elements');
  });

  it('limits actions to 25 elements and button text/value/url', () => {
    const actions = (elements: unknown[]) => [{ type: 'actions', elements }];
    const buttons = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ...button('b'), action_id: `b${i}` }));
    expect(validateBlocks(actions(buttons(25)), 'message')).toEqual([]);
    oneProblem(validateBlocks(actions(buttons(26)), 'message'), '/blocks/0/elements');
    oneProblem(
      validateBlocks(actions([button('t'.repeat(76))]), 'message'),
      '/blocks/0/elements/0/text/text',
    );
    oneProblem(
      validateBlocks(actions([button('ok', { value: 'v'.repeat(2001) })]), 'message'),
      '/blocks/0/elements/0/value',
    );
    oneProblem(
      validateBlocks(actions([button('ok', { url: `https://x/${'u'.repeat(3000)}` })]), 'message'),
      '/blocks/0/elements/0/url',
    );
    oneProblem(
      validateBlocks(actions([button('ok', { style: 'green' })]), 'message'),
      '/blocks/0/elements/0/style',
    );
  });

  it('limits options: text/value/description ≤75, ≤100 per select, ≤10 checkboxes/radio, ≤5 overflow', () => {
    const sel = (options: unknown[], type = 'static_select') => [
      { type: 'actions', elements: [{ type, action_id: 's', options }] },
    ];
    const opts = (n: number) => Array.from({ length: n }, (_, i) => opt(`o${i}`));
    expect(validateBlocks(sel(opts(100)), 'message')).toEqual([]);
    oneProblem(validateBlocks(sel(opts(101)), 'message'), '/blocks/0/elements/0/options');
    oneProblem(
      validateBlocks(sel([opt('t'.repeat(76), 'v')]), 'message'),
      '/blocks/0/elements/0/options/0/text/text',
    );
    oneProblem(
      validateBlocks(sel([opt('t', 'v'.repeat(76))]), 'message'),
      '/blocks/0/elements/0/options/0/value',
    );
    oneProblem(
      validateBlocks(sel([{ ...opt('t'), description: pt('d'.repeat(76)) }]), 'message'),
      '/blocks/0/elements/0/options/0/description/text',
    );
    oneProblem(validateBlocks(sel(opts(11), 'checkboxes'), 'message'), '/blocks/0/elements/0/options');
    oneProblem(validateBlocks(sel(opts(11), 'radio_buttons'), 'message'), '/blocks/0/elements/0/options');
    expect(validateBlocks(sel(opts(5), 'overflow'), 'message')).toEqual([]);
    oneProblem(validateBlocks(sel(opts(6), 'overflow'), 'message'), '/blocks/0/elements/0/options');
  });

  it('requires initial options to be among the options', () => {
    const blocks = [
      {
        type: 'actions',
        elements: [{ type: 'static_select', action_id: 's', options: [opt('a')], initial_option: opt('b') }],
      },
    ];
    oneProblem(validateBlocks(blocks, 'message'), '/blocks/0/elements/0/initial_option');
  });

  it('checks plain_text_input lengths and placeholder ≤150', () => {
    const one = (element: Record<string, unknown>) =>
      validateBlocks([input('b', { type: 'plain_text_input', ...element })], 'modal');
    expect(one({ min_length: 0, max_length: 3000, placeholder: pt('p'.repeat(150)) })).toEqual([]);
    oneProblem(one({ max_length: 3001 }), '/blocks/0/element/max_length');
    oneProblem(one({ max_length: 0 }), '/blocks/0/element/max_length');
    oneProblem(one({ min_length: -1 }), '/blocks/0/element/min_length');
    oneProblem(one({ min_length: 10, max_length: 5 }), '/blocks/0/element/min_length');
    oneProblem(one({ placeholder: pt('p'.repeat(151)) }), '/blocks/0/element/placeholder/text');
    oneProblem(
      one({ dispatch_action_config: { trigger_actions_on: ['on_blur'] } }),
      '/blocks/0/element/dispatch_action_config/trigger_actions_on/0',
    );
  });

  it('checks input label/hint ≤2000 and rejects buttons inside input blocks', () => {
    const el = { type: 'plain_text_input' };
    oneProblem(
      validateBlocks([input('b', el, { label: pt('l'.repeat(2001)) })], 'modal'),
      '/blocks/0/label/text',
    );
    oneProblem(
      validateBlocks([input('b', el, { hint: pt('h'.repeat(2001)) })], 'modal'),
      '/blocks/0/hint/text',
    );
    oneProblem(
      validateBlocks([input('b', { type: 'button', text: pt('x') })], 'modal'),
      '/blocks/0/element/type',
    );
  });

  it('checks confirm dialog limits', () => {
    const confirm = {
      title: pt('t'.repeat(101)),
      text: md('sure?'),
      confirm: pt('Yes'),
      deny: pt('n'.repeat(31)),
    };
    const problems = validateBlocks(
      [{ type: 'actions', elements: [button('Delete', { confirm })] }],
      'message',
    );
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toContain('/blocks/0/elements/0/confirm/title/text');
    expect(problems.join('\n')).toContain('/blocks/0/elements/0/confirm/deny/text');
  });

  it('rejects ids over 255, duplicate block_ids, duplicate action_ids in a block, unknown block types', () => {
    oneProblem(
      validateBlocks([{ type: 'divider', block_id: 'b'.repeat(256) }], 'message'),
      '/blocks/0/block_id',
    );
    oneProblem(
      validateBlocks(
        [{ type: 'actions', elements: [{ ...button('x'), action_id: 'a'.repeat(256) }] }],
        'message',
      ),
      '/blocks/0/elements/0/action_id',
    );
    const dupBlocks = [
      { type: 'divider', block_id: 'same' },
      { type: 'divider', block_id: 'same' },
    ];
    expect(oneProblem(validateBlocks(dupBlocks, 'message'), '/blocks/1/block_id')).toContain(
      'duplicate block_id',
    );
    const dupActions = [
      {
        type: 'actions',
        elements: [
          { ...button('a'), action_id: 'x' },
          { ...button('b'), action_id: 'x' },
        ],
      },
    ];
    expect(oneProblem(validateBlocks(dupActions, 'message'), '/blocks/0/elements/1/action_id')).toContain(
      'duplicate action_id',
    );
    // the same action_id in two different blocks is fine
    const twoBlocks = [
      { type: 'actions', elements: [{ ...button('a'), action_id: 'x' }] },
      { type: 'actions', elements: [{ ...button('b'), action_id: 'x' }] },
    ];
    expect(validateBlocks(twoBlocks, 'message')).toEqual([]);
    expect(oneProblem(validateBlocks([{ type: 'carousel' }], 'message'), '/blocks/0/type')).toContain(
      'unknown block type',
    );
    oneProblem(validateBlocks('nope', 'message'), '/blocks');
  });
});

describe('validateView', () => {
  it('accepts a modal with inputs and a submit button', () => {
    expect(validateView(modal([input('objective', { type: 'plain_text_input' })]))).toEqual([]);
  });

  it('limits title/submit/close to 24 chars of plain_text', () => {
    oneProblem(validateView(modal([], { title: pt('t'.repeat(25)) })), '/view/title/text');
    oneProblem(validateView(modal([], { submit: pt('s'.repeat(25)) })), '/view/submit/text');
    oneProblem(validateView(modal([], { close: md('Close') })), '/view/close/type');
    oneProblem(validateView(modal([], { title: undefined })), '/view/title');
  });

  it('requires submit when there is an input block', () => {
    const v = modal([input('b', { type: 'plain_text_input' })], { submit: undefined });
    oneProblem(validateView(v), '/view/submit');
    expect(validateView(modal([section('read only')], { submit: undefined }))).toEqual([]);
  });

  it('limits private_metadata to 3000 and callback_id/external_id to 255', () => {
    oneProblem(validateView(modal([], { private_metadata: 'm'.repeat(3001) })), '/view/private_metadata');
    expect(validateView(modal([], { private_metadata: 'm'.repeat(3000) }))).toEqual([]);
    oneProblem(validateView(modal([], { callback_id: 'c'.repeat(256) })), '/view/callback_id');
    oneProblem(validateView(modal([], { external_id: 'e'.repeat(256) })), '/view/external_id');
  });

  it('validates blocks with view pointers and the 100-block limit; home tabs need no title', () => {
    oneProblem(validateView(modal([section('x'.repeat(3001))])), '/view/blocks/0/text/text');
    oneProblem(
      validateView({ type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }),
      '/view/blocks',
    );
    expect(validateView({ type: 'home', blocks: [section('hi')] })).toEqual([]);
    oneProblem(validateView({ type: 'workflow_step', blocks: [] }), '/view/type');
  });
});

// The 2026 blocks (shared/reference/slack-2026.md; Slack's data-visualization-block and data-table-block pages).

const categories = (n: number) => Array.from({ length: n }, (_, i) => `P${i + 1}`);
const series = (name: string, labels: string[], value = (i: number) => i * 1.5) => ({
  name,
  data: labels.map((label, i) => ({ label, value: value(i) })),
});
const lineChart = (
  chart: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
  labels = categories(3),
) => ({
  type: 'data_visualization',
  title: 'Time to hire',
  chart: {
    type: 'line',
    series: [series('Readings', labels), series('Range low', labels, () => 28)],
    axis_config: { categories: labels, x_label: 'Month', y_label: 'days' },
    ...chart,
  },
  ...extra,
});
const pie = (segments: unknown) => ({
  type: 'data_visualization',
  title: 'Mix',
  chart: { type: 'pie', segments },
});

describe('validateBlocks: data_visualization', () => {
  it('accepts line, bar, area and pie charts with a title of up to 50 characters', () => {
    expect(validateBlocks([lineChart()], 'message')).toEqual([]);
    expect(validateBlocks([lineChart({ type: 'bar' })], 'message')).toEqual([]);
    expect(validateBlocks([lineChart({ type: 'area' }, { title: 't'.repeat(50) })], 'message')).toEqual([]);
    expect(validateBlocks([pie([{ label: 'Referral', value: 45 }])], 'message')).toEqual([]);
    const one = categories(1);
    expect(validateBlocks([lineChart({ series: [series('Only', one)] }, {}, one)], 'message')).toEqual([]);
    const many = categories(60);
    expect(validateBlocks([lineChart({}, {}, many)], 'message')).toEqual([]);
    // Points may come in any order; axis labels are optional; negative values are fine outside pie charts.
    const [a, b] = ['Mon', 'Tue'];
    const reversed = {
      type: 'line',
      series: [
        {
          name: 'Δ',
          data: [
            { label: b, value: -2 },
            { label: a, value: 3 },
          ],
        },
      ],
      axis_config: { categories: [a, b] },
    };
    expect(validateBlocks([{ type: 'data_visualization', title: 'x', chart: reversed }], 'message')).toEqual(
      [],
    );
  });

  it('requires a title of 1–50 characters and a chart', () => {
    oneProblem(validateBlocks([lineChart({}, { title: 't'.repeat(51) })], 'message'), '/blocks/0/title');
    oneProblem(validateBlocks([lineChart({}, { title: '' })], 'message'), '/blocks/0/title');
    oneProblem(validateBlocks([lineChart({}, { title: undefined })], 'message'), '/blocks/0/title');
    oneProblem(validateBlocks([{ type: 'data_visualization', title: 'x' }], 'message'), '/blocks/0/chart');
    oneProblem(validateBlocks([lineChart({ type: 'scatter' })], 'message'), '/blocks/0/chart/type');
  });

  it('limits pie charts to 1–6 segments with labels of ≤20 characters and positive values', () => {
    const seg = (i: number) => ({ label: `S${i}`, value: i + 1 });
    expect(validateBlocks([pie(Array.from({ length: 6 }, (_, i) => seg(i)))], 'message')).toEqual([]);
    oneProblem(
      validateBlocks([pie(Array.from({ length: 7 }, (_, i) => seg(i)))], 'message'),
      '/blocks/0/chart/segments',
    );
    oneProblem(validateBlocks([pie([])], 'message'), '/blocks/0/chart/segments');
    oneProblem(
      validateBlocks([pie([{ label: 'x', value: 0 }])], 'message'),
      '/blocks/0/chart/segments/0/value',
    );
    oneProblem(
      validateBlocks([pie([{ label: 'x', value: null }])], 'message'),
      '/blocks/0/chart/segments/0/value',
    );
    oneProblem(
      validateBlocks([pie([{ label: 'l'.repeat(21), value: 1 }])], 'message'),
      '/blocks/0/chart/segments/0/label',
    );
  });

  it('allows at most 6 series, uniquely named', () => {
    const labels = categories(2);
    const six = Array.from({ length: 6 }, (_, i) => series(`S${i}`, labels));
    expect(validateBlocks([lineChart({ series: six }, {}, labels)], 'message')).toEqual([]);
    const seven = Array.from({ length: 7 }, (_, i) => series(`S${i}`, labels));
    expect(validateBlocks([lineChart({ series: seven }, {}, labels)], 'message')[0]).toMatch(
      /at most 6 items \(got 7\).*\/blocks\/0\/chart\/series\]/,
    );
    oneProblem(validateBlocks([lineChart({ series: [] }, {}, labels)], 'message'), '/blocks/0/chart/series');
    const twins = [series('Same', labels), series('Same', labels)];
    oneProblem(
      validateBlocks([lineChart({ series: twins }, {}, labels)], 'message'),
      '/blocks/0/chart/series/1/name',
    );
  });

  it('requires exactly one finite point per category in every series, with the categories’ labels', () => {
    const labels = categories(3);
    const short = series('Readings', labels.slice(0, 2));
    const p = oneProblem(
      validateBlocks([lineChart({ series: [short] }, {}, labels)], 'message'),
      '/blocks/0/chart/series/0/data',
    );
    expect(p).toContain('missing "P3"');
    const stranger = { name: 'Readings', data: [...short.data, { label: 'P9', value: 1 }] };
    const problems = validateBlocks([lineChart({ series: [stranger] }, {}, labels)], 'message');
    expect(problems.join('\n')).toContain(
      '"P9" is not one of axis_config.categories [json-pointer:/blocks/0/chart/series/0/data/2/label]',
    );
    const twice = { name: 'Readings', data: [...series('x', labels).data, { label: 'P1', value: 2 }] };
    oneProblem(
      validateBlocks([lineChart({ series: [twice] }, {}, labels)], 'message'),
      '/blocks/0/chart/series/0/data/3/label',
    );
    const gap = { name: 'Readings', data: labels.map((label, i) => ({ label, value: i === 1 ? null : i })) };
    oneProblem(
      validateBlocks([lineChart({ series: [gap] }, {}, labels)], 'message'),
      '/blocks/0/chart/series/0/data/1/value',
    );
    const nan = { name: 'Readings', data: labels.map((label) => ({ label, value: Number.NaN })) };
    expect(validateBlocks([lineChart({ series: [nan] }, {}, labels)], 'message')).toHaveLength(3);
  });

  it('checks axis_config: required, unique categories of ≤20 characters, axis labels ≤50', () => {
    oneProblem(
      validateBlocks([lineChart({ axis_config: undefined })], 'message'),
      '/blocks/0/chart/axis_config',
    );
    const long = ['c'.repeat(21)];
    oneProblem(
      validateBlocks([lineChart({ series: [series('s', long)] }, {}, long)], 'message'),
      '/blocks/0/chart/axis_config/categories/0',
    );
    const dup = ['A', 'A'];
    expect(
      validateBlocks([lineChart({ series: [series('s', ['A'])] }, {}, dup)], 'message').join('\n'),
    ).toContain('duplicate category "A" [json-pointer:/blocks/0/chart/axis_config/categories/1]');
    const labels = categories(3);
    oneProblem(
      validateBlocks(
        [lineChart({ axis_config: { categories: labels, y_label: 'y'.repeat(51) } })],
        'message',
      ),
      '/blocks/0/chart/axis_config/y_label',
    );
  });

  it('allows two charts in a message or the Home tab, and none in a modal', () => {
    expect(validateBlocks([lineChart(), section('between'), lineChart()], 'message')).toEqual([]);
    oneProblem(validateBlocks([lineChart(), lineChart(), lineChart()], 'message'), '/blocks');
    expect(validateView({ type: 'home', blocks: [lineChart(), lineChart()] })).toEqual([]);
    oneProblem(
      validateView({ type: 'home', blocks: [lineChart(), lineChart(), lineChart()] }),
      '/view/blocks',
    );
    const p = oneProblem(validateView(modal([lineChart()])), '/view/blocks/0/type');
    expect(p).toContain('not allowed in a modal');
  });
});

const rt = (text: string) => ({ type: 'raw_text', text });
const rn = (value: number, text = String(value)) => ({ type: 'raw_number', value, text });
const rich = (text: string) => ({
  type: 'rich_text',
  elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
});
const table = (rows: unknown[][], extra: Record<string, unknown> = {}) => ({
  type: 'data_table',
  caption: 'Check-ins this week',
  rows,
  ...extra,
});
const header = (n: number) => Array.from({ length: n }, (_, i) => rt(`Col ${i + 1}`));
const dataRow = (n: number, i = 0) =>
  Array.from({ length: n }, (_, c) => (c === 0 ? rt(`Row ${i}`) : rn(c * i)));

describe('validateBlocks: data_table', () => {
  it('accepts a header and 1–100 rows of 1–20 raw_text, raw_number or rich_text cells', () => {
    expect(
      validateBlocks([table([header(3), [rt('Mina'), rn(61.5, '61.5'), rich('*on track*')]])], 'message'),
    ).toEqual([]);
    const hundred = Array.from({ length: 100 }, (_, i) => dataRow(2, i));
    expect(validateBlocks([table([header(2), ...hundred], { page_size: 100 })], 'message')).toEqual([]);
    expect(validateBlocks([table([header(20), dataRow(20)])], 'home')).toEqual([]);
    expect(
      validateBlocks([table([header(1), [rt('x')]], { row_header_column_index: 0, page_size: 1 })], 'modal'),
    ).toEqual([]);
  });

  it('requires a caption and a header row plus 1–100 data rows', () => {
    oneProblem(
      validateBlocks([table([header(2), dataRow(2)], { caption: undefined })], 'message'),
      '/blocks/0/caption',
    );
    oneProblem(
      validateBlocks([table([header(2), dataRow(2)], { caption: '' })], 'message'),
      '/blocks/0/caption',
    );
    expect(oneProblem(validateBlocks([table([header(2)])], 'message'), '/blocks/0/rows')).toContain(
      'got 0 data rows',
    );
    oneProblem(validateBlocks([table([])], 'message'), '/blocks/0/rows');
    oneProblem(validateBlocks([{ type: 'data_table', caption: 'c' }], 'message'), '/blocks/0/rows');
    const many = Array.from({ length: 101 }, (_, i) => dataRow(2, i));
    expect(oneProblem(validateBlocks([table([header(2), ...many])], 'message'), '/blocks/0/rows')).toContain(
      'got 101 data rows',
    );
  });

  it('limits columns to 1–20 and every row to the header’s length', () => {
    oneProblem(validateBlocks([table([header(21), dataRow(21)])], 'message'), '/blocks/0/rows/0');
    oneProblem(validateBlocks([table([[], []])], 'message'), '/blocks/0/rows/0');
    const p = oneProblem(
      validateBlocks([table([header(3), dataRow(3), dataRow(2)])], 'message'),
      '/blocks/0/rows/2',
    );
    expect(p).toContain('must have 3 cells');
  });

  it('refuses rich_text in the header, unknown cells, empty text and raw_number without a finite value', () => {
    oneProblem(validateBlocks([table([[rich('Name')], [rt('x')]])], 'message'), '/blocks/0/rows/0/0/type');
    oneProblem(
      validateBlocks([table([header(1), [{ type: 'mrkdwn', text: 'x' }]])], 'message'),
      '/blocks/0/rows/1/0/type',
    );
    oneProblem(validateBlocks([table([header(1), [rt('')]])], 'message'), '/blocks/0/rows/1/0/text');
    oneProblem(
      validateBlocks([table([header(1), [rn(Number.NaN, 'NaN')]])], 'message'),
      '/blocks/0/rows/1/0/value',
    );
    const p = oneProblem(
      validateBlocks([table([header(1), [{ type: 'raw_number', number: 3, text: '3' }]])], 'message'),
      '/blocks/0/rows/1/0/value',
    );
    expect(p).toContain('not number');
    oneProblem(
      validateBlocks([table([header(1), [{ type: 'raw_number', value: 3 }]])], 'message'),
      '/blocks/0/rows/1/0/text',
    );
    oneProblem(validateBlocks([table([header(1), ['plain string']])], 'message'), '/blocks/0/rows/1/0');
  });

  it('limits the characters across all cells to 10,000, page_size to 1–100, row_header_column_index to a column', () => {
    const wide = (len: number) => [
      [rt('h'.repeat(len))],
      [rt('x'.repeat(5000))],
      [rt('y'.repeat(5000 - len))],
    ];
    expect(validateBlocks([table(wide(10))], 'message')).toEqual([]);
    const over = [[rt('h')], [rt('x'.repeat(5000))], [rich('y'.repeat(5000))]];
    expect(oneProblem(validateBlocks([table(over)], 'message'), '/blocks/0/rows')).toContain('got 10001');
    oneProblem(
      validateBlocks([table([header(2), dataRow(2)], { page_size: 0 })], 'message'),
      '/blocks/0/page_size',
    );
    oneProblem(
      validateBlocks([table([header(2), dataRow(2)], { page_size: 101 })], 'message'),
      '/blocks/0/page_size',
    );
    oneProblem(
      validateBlocks([table([header(2), dataRow(2)], { row_header_column_index: 2 })], 'message'),
      '/blocks/0/row_header_column_index',
    );
  });
});
