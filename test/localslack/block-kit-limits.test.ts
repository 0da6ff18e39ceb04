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
