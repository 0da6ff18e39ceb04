import type { DemoScene } from './demo-world.js';
import { checkinsScenes, laterCheckinScenes, newYorkScenes } from './scenes/checkins.js';
import { draftingScenes } from './scenes/drafting.js';
import { kpisScenes } from './scenes/kpis.js';
import { quarterScenes } from './scenes/quarter.js';

export type { DemoScene, DemoWorld } from './demo-world.js';

/** The demo's week, in order. Each feature adds its scene here as it lands. */
export const DEMO_SCENES: DemoScene[] = [
  {
    title: 'Monday 09:30 in Seoul: Mina opens okrbot’s Home tab',
    play: async ({ client, slack }) => {
      await client.event({ type: 'app_home_opened', user: 'U01MINA', channel: 'D0MINA', tab: 'home' });
      await slack.waitFor((c) => c.method === 'views.publish');
    },
  },
  {
    title: 'Joon asks what okrbot can do: /okr help',
    play: async ({ client }) => {
      const res = await client.slashCommand({
        command: '/okr',
        text: 'help',
        userId: 'U02JOON',
        channelId: 'C0TALENT',
      });
      if (res.status !== 200) throw new Error(`/okr help answered ${res.status}`);
    },
  },
  ...checkinsScenes,
  ...newYorkScenes,
  ...kpisScenes,
  ...laterCheckinScenes,
  ...draftingScenes,
  {
    title: 'Priya lists her KPIs: /kpi list',
    play: async ({ client }) => {
      const res = await client.slashCommand({
        command: '/kpi',
        text: 'list',
        userId: 'U05PRIYA',
        channelId: 'C0PEOPLE',
      });
      if (res.status !== 200) throw new Error(`/kpi list answered ${res.status}`);
    },
  },
  {
    title: 'Sam lists People Operations’ objectives in #people-ops: /okr list',
    play: async ({ client }) => {
      const res = await client.slashCommand({
        command: '/okr',
        text: 'list',
        userId: 'U04SAM',
        channelId: 'C0PEOPLE',
      });
      if (res.status !== 200) throw new Error(`/okr list answered ${res.status}`);
    },
  },
  ...quarterScenes,
];
