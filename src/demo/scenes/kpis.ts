import { createApiToken, KPI_ALERT_ACTIONS } from '../../kpis/index.js';
import type { LocalMessage } from '../../localslack/types.js';
import type { DemoScene, DemoWorld } from '../demo-world.js';

const state: { token?: string } = {};

async function postReadings(
  world: DemoWorld,
  readings: Array<{ kpi: string; period: string; value: number }>,
): Promise<void> {
  const body = JSON.stringify({ readings });
  world.slack.annotate('← HRIS: POST /api/v1/readings', body);
  const res = await fetch(`http://127.0.0.1:${world.bot.port}/api/v1/readings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${state.token}`, 'content-type': 'application/json' },
    body,
  });
  const answer = (await res.json()) as {
    stored?: number;
    alerts?: Array<{ kpi: string; rule: string; to: string }>;
  };
  const changed = (answer.alerts ?? []).map((a) => `${a.kpi} ${a.rule} → ${a.to}`).join(', ') || 'none';
  world.slack.annotate(
    `→ HTTP ${res.status}: ${answer.stored ?? 0} reading(s) stored; alerts changed: ${changed}`,
  );
  if (res.status !== 200) throw new Error(`the readings API answered ${res.status}`);
}

function alertButton(
  messages: LocalMessage[],
): { message: LocalMessage; blockId: string; value: string } | undefined {
  for (const message of [...messages].reverse()) {
    for (const block of (message.blocks ?? []) as Array<{
      type?: string;
      block_id?: string;
      elements?: Array<{ action_id?: string; value?: string }>;
    }>) {
      const ack =
        block.type === 'actions'
          ? block.elements?.find((e) => e.action_id === KPI_ALERT_ACTIONS.acknowledge)
          : undefined;
      if (ack?.value && block.block_id) return { message, blockId: block.block_id, value: ack.value };
    }
  }
  return undefined;
}

/** The KPI part of the demo week: readings over the API, an alert to the owner and her channel, acknowledged. */
export const kpisScenes: DemoScene[] = [
  {
    title:
      'The HRIS sends HR request SLA compliance over the readings API; week 47 falls below the alert threshold',
    play: async (world) => {
      const { token } = await createApiToken(world.db, world.teamId, 'hris-sync', world.clock.at);
      state.token = token;
      world.slack.annotate('(okrbot token create --name hris-sync made the API token)');
      await postReadings(world, [
        { kpi: 'hr-sla', period: '2026-W45', value: 97 },
        { kpi: 'hr-sla', period: '2026-W46', value: 96 },
        { kpi: 'hr-sla', period: '2026-W47', value: 88 },
      ]);
      await world.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0PEOPLE');
      await world.slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'U05PRIYA');
    },
  },
  {
    title:
      'Priya acknowledges the alert from her DM: no more repeats, and the channel post shows who took it',
    play: async ({ slack, client }) => {
      const found = alertButton(slack.messages('U05PRIYA'));
      if (!found) throw new Error('no alert with an Acknowledge button in Priya’s DM');
      await client.blockAction({
        userId: 'U05PRIYA',
        actions: [{ action_id: KPI_ALERT_ACTIONS.acknowledge, block_id: found.blockId, value: found.value }],
        message: { channel: found.message.channel, ts: found.message.ts },
      });
      await slack.waitFor((c) => c.method === 'chat.update' && c.args.channel === 'C0PEOPLE');
    },
  },
  {
    title: 'Week 48 is back in range: okrbot says so in the alert threads',
    play: async (world) => {
      await postReadings(world, [{ kpi: 'hr-sla', period: '2026-W48', value: 98.5 }]);
      await world.slack.waitFor(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === 'C0PEOPLE' &&
          typeof c.args.thread_ts === 'string',
      );
    },
  },
];
