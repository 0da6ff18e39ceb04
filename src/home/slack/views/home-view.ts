import type { HomeView, KnownBlock } from '@slack/types';
import { formatCount, formatMeasure, progressLineOf } from '../../../okrs/index.js';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';

export interface HomeKeyResult {
  text: string;
  objective: string;
  baseline: number | null;
  current: number | null;
  target: number | null;
  unit: string | null;
}

export interface HomeKpi {
  key: string;
  name: string;
  unit: string | null;
  range: [number, number];
  last: number | null;
  state: string;
}

/** Everything the Home tab shows for one person. */
export interface HomeData {
  name: string;
  keyResults: HomeKeyResult[];
  kpis: HomeKpi[];
  pausedUntil: string | null;
}

const fmt = formatMeasure;

/** The Home tab: what this person owns, and where it stands. Pure: data in, view out. */
export function homeView(data: HomeData): HomeView {
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(`Hi ${data.name}: your OKRs and KPIs`, 150) },
    },
  ];
  if (data.pausedUntil) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `:palm_tree: Check-ins paused until ${data.pausedUntil}. \`/okr resume\` to start again.`,
        },
      ],
    });
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*Key results you own*' } });
  if (data.keyResults.length === 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'None yet. `/okr draft` in your team channel to write some.' }],
    });
  }
  for (const kr of data.keyResults.slice(0, 40)) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${esc(kr.text)}*\n${progressLineOf(kr, { strong: true })}\n_${esc(kr.objective)}_`,
          3000,
        ),
      },
    });
  }
  blocks.push({ type: 'divider' }, { type: 'section', text: { type: 'mrkdwn', text: '*KPIs you own*' } });
  if (data.kpis.length === 0) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'None. `/kpi add` to register one.' }],
    });
  }
  for (const k of data.kpis.slice(0, 40)) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${esc(k.name)}* (\`${k.key}\`): last ${formatCount(k.last, k.unit)}, range ${fmt(k.range[0], null)}–${formatCount(k.range[1], k.unit)} · ${k.state}`,
          3000,
        ),
      },
    });
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
