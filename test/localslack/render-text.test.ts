import { describe, expect, it } from 'vitest';
import { cleanMrkdwn, RULE, renderBlocksAsText, renderViewAsText } from '../../src/localslack/render-text.js';

const pt = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const names = {
  userName: (id: string) => (id === 'U01MINA' ? 'Mina Park' : undefined),
  channelName: () => 'okrs',
};

describe('cleanMrkdwn', () => {
  it('strips emphasis markers, resolves mentions and links, decodes entities', () => {
    expect(
      cleanMrkdwn(
        '*Grow* _revenue_ ~fast~ for <@U01MINA> in <#C1> &amp; <https://x.io|the doc> <!here>',
        names,
      ),
    ).toBe('Grow revenue fast for @Mina Park in #okrs & the doc @here');
    expect(cleanMrkdwn('snake_case_name and 2*3*4 stay', names)).toBe('snake_case_name and 2*3*4 stay');
    expect(cleanMrkdwn('<@U09X> &lt;b&gt;')).toBe('@U09X <b>');
  });
});

describe('renderBlocksAsText', () => {
  it('renders headers, sections, fields, context, buttons and dividers', () => {
    const text = renderBlocksAsText(
      [
        { type: 'header', text: pt('Weekly check-in') },
        {
          type: 'section',
          text: md('*KR 1:* Ship v2'),
          fields: [md('*Owner*\nMina'), md('*Status*\nOn track')],
          accessory: { type: 'button', text: pt('Edit'), action_id: 'e' },
        },
        { type: 'divider' },
        {
          type: 'context',
          elements: [md('Due _Friday_'), { type: 'image', image_url: 'u', alt_text: 'calendar' }],
        },
        {
          type: 'actions',
          elements: [
            { type: 'button', text: pt('Update'), action_id: 'u' },
            { type: 'static_select', action_id: 's', placeholder: pt('Status'), options: [] },
            { type: 'overflow', action_id: 'o', options: [] },
          ],
        },
      ],
      'fallback not shown',
    );
    expect(text.split('\n')).toEqual([
      '# Weekly check-in',
      'KR 1: Ship v2',
      '  Owner',
      '  Mina',
      '  Status',
      '  On track',
      '  [ Edit ]',
      RULE,
      'Due Friday · [calendar]',
      '[ Update ]  [ Status ▾ ]  [ … ]',
    ]);
  });

  it('falls back to the text when there are no blocks', () => {
    expect(renderBlocksAsText(undefined, 'Hello *there*')).toBe('Hello there');
    expect(renderBlocksAsText([], 'plain')).toBe('plain');
  });

  it('renders rich_text lists and unknown blocks readably', () => {
    const text = renderBlocksAsText(
      [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [
                { type: 'text', text: 'Hi ' },
                { type: 'user', user_id: 'U01MINA' },
              ],
            },
            {
              type: 'rich_text_list',
              style: 'bullet',
              elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }],
            },
          ],
        },
        { type: 'video', title: pt('x') },
      ],
      undefined,
      names,
    );
    expect(text.split('\n')).toEqual(['Hi @Mina Park', '• one', '[video block]']);
  });
});

describe('renderViewAsText', () => {
  it('renders a modal with inputs, hints, options and its buttons', () => {
    const text = renderViewAsText({
      type: 'modal',
      title: pt('New objective'),
      submit: pt('Save'),
      close: pt('Cancel'),
      blocks: [
        {
          type: 'input',
          label: pt('Objective'),
          hint: pt('Outcome, not output'),
          element: { type: 'plain_text_input', action_id: 'o' },
        },
        {
          type: 'input',
          label: pt('Draft'),
          optional: true,
          element: { type: 'plain_text_input', initial_value: 'Grow' },
        },
        {
          type: 'input',
          label: pt('Confidence'),
          element: {
            type: 'radio_buttons',
            options: [
              { text: pt('High'), value: 'h' },
              { text: pt('Low'), value: 'l' },
            ],
            initial_option: { text: pt('Low'), value: 'l' },
          },
        },
        { type: 'input', label: pt('Due'), element: { type: 'datepicker', initial_date: '2025-09-30' } },
      ],
    });
    expect(text.split('\n')).toEqual([
      '[Modal] New objective',
      'Objective: ____ (Outcome, not output)',
      'Draft (optional): Grow',
      'Confidence:',
      '  ( ) High',
      '  (•) Low',
      'Due: [ 2025-09-30 ]',
      '[ Cancel ]  [ Save ]',
    ]);
  });

  it('renders a home tab', () => {
    expect(renderViewAsText({ type: 'home', blocks: [{ type: 'header', text: pt('Your OKRs') }] })).toBe(
      '[Home]\n# Your OKRs',
    );
  });
});
