import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';
import type { AlertSurface } from './kpi-alert-message.js';

export const KPI_SNOOZE_CALLBACK = 'kpi_snooze';
export const SNOOZE_BLOCKS = { length: 'kpi_snooze_length', reason: 'kpi_snooze_reason' } as const;

/** The alert and the clicked message, carried from the Snooze button to the submission. */
export interface SnoozeMetadata {
  a: string;
  m: AlertSurface;
  c?: string;
  t?: string;
}

const LENGTHS: PlainTextOption[] = [
  { text: { type: 'plain_text', text: '1 week' }, value: 'week' },
  { text: { type: 'plain_text', text: 'Until the next reading' }, value: 'next_reading' },
];

/** Snooze an alert: for a week or until the next reading, with a reason (required). */
export function kpiSnoozeModalView(args: {
  kpiName: string;
  detail: string;
  meta: SnoozeMetadata;
}): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*${esc(args.kpiName)}*\n${esc(args.detail)}`, 3000) },
    },
    {
      type: 'input',
      block_id: SNOOZE_BLOCKS.length,
      label: { type: 'plain_text', text: 'Snooze for' },
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        options: LENGTHS,
        initial_option: LENGTHS[0] as PlainTextOption,
      },
    },
    {
      type: 'input',
      block_id: SNOOZE_BLOCKS.reason,
      label: { type: 'plain_text', text: 'Why?' },
      hint: { type: 'plain_text', text: 'Shown on the alert, so the team knows why it is quiet.' },
      element: { type: 'plain_text_input', action_id: 'value', max_length: 500 },
    },
  ];
  return {
    type: 'modal',
    callback_id: KPI_SNOOZE_CALLBACK,
    private_metadata: JSON.stringify(args.meta),
    title: { type: 'plain_text', text: 'Snooze an alert' },
    submit: { type: 'plain_text', text: 'Snooze' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
