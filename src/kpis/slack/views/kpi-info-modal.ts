import type { ModalView } from '@slack/types';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';

/** A small modal that only says something (a stale button, a saved KPI). */
export function kpiInfoModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate(title, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(esc(text), 3000) } }],
  };
}
