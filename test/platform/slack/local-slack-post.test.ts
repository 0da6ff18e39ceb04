import type { KnownBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalSlack } from '../../../src/localslack/local-slack.js';
import { kpiTrendChart } from '../../../src/platform/slack/charts.js';
import { dataTable } from '../../../src/platform/slack/tables.js';
import { silentLogger } from '../../support/silent-logger.js';

// The builders' blocks, sent to the project's local Slack over its Web API as the bot would send them.

let slack: LocalSlack;
let web: WebClient;

beforeAll(async () => {
  slack = await LocalSlack.start({
    users: [{ id: 'U01MINA', name: 'mina' }],
    channels: [{ id: 'C0TALENT', name: 'talent' }],
  });
  web = new WebClient('xoxb-local', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
  });
});

afterAll(async () => {
  await slack.stop();
});

async function post(blocks: unknown[]): Promise<{ ok: boolean; error?: string; errors?: string[] }> {
  try {
    await web.chat.postMessage({ channel: 'C0TALENT', text: 'KPI trend', blocks: blocks as KnownBlock[] });
    return { ok: true };
  } catch (e) {
    const data = (e as { data: { error: string; errors?: string[] } }).data;
    return { ok: false, error: data.error, ...(data.errors ? { errors: data.errors } : {}) };
  }
}

const trend = (periods: string[]) =>
  kpiTrendChart({
    kpiName: 'Time to hire',
    unit: 'days',
    periods,
    values: periods.map((_, i) => 40 + i),
    range: [28, 45],
    threshold: 52,
  });

describe('charts and tables through the local Slack', () => {
  it('accepts a KPI trend chart and a data table in one message', async () => {
    const table = dataTable({
      caption: 'Readings',
      header: ['Period', 'Value'],
      rows: [
        ['2026-10', 61],
        ['2026-11', null],
      ],
    });
    expect(await post([trend(['2026-10', '2026-11', '2026-12']), table])).toEqual({ ok: true });
    expect(await post([trend(Array.from({ length: 60 }, (_, i) => `P${i}`)), trend(['2026-10'])])).toEqual({
      ok: true,
    });
  });

  it('refuses three charts in a message, and a hand-made chart with a missing point, with invalid_blocks', async () => {
    const chart = trend(['2026-10', '2026-11']);
    const three = await post([chart, chart, chart]);
    expect(three).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(three.errors?.[0]).toContain('at most 2 data_visualization blocks');
    const broken = structuredClone(chart) as { chart: { series: Array<{ data: unknown[] }> } };
    broken.chart.series[0]?.data.pop();
    const missing = await post([broken]);
    expect(missing).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(missing.errors?.[0]).toContain('[json-pointer:/blocks/0/chart/series/0/data]');
  });
});
