import type { DemoScene } from '../demo-world.js';

async function latestUpdate(world: Parameters<DemoScene['play']>[0], after: number) {
  return world.slack.waitFor(
    (c) => c.method === 'views.update' && c.at >= after && c.response.ok === true,
    5000,
  );
}

export const draftingScenes: DemoScene[] = [
  {
    title: 'Joon drafts next quarter’s hiring OKR in #talent, with feedback while he types',
    play: async (world) => {
      const { client, slack } = world;
      const opened = Date.now();
      const res = await client.slashCommand({
        command: '/okr',
        text: 'draft Make joining us the easiest yes an engineer ever says',
        userId: 'U02JOON',
        channelId: 'C0TALENT',
      });
      if (res.status !== 200) throw new Error(`/okr draft answered ${res.status}`);
      const open = await slack.waitFor((c) => c.method === 'views.open' && c.at >= opened);
      const viewId = (open.response.view as { id: string }).id;
      // First an activity and a KPI standard, then the outcomes the feedback suggests.
      const typing: Array<[string, string]> = [
        ['kr_text_0', 'Conduct 20 hiring-manager training sessions'],
        ['kr_text_0', 'Cut interview-to-offer time from 21 to 10 days by end of Q1'],
        ['kr_text_1', 'Ensure 100% of offers are approved within 48 hours'],
        ['kr_text_1', 'Raise offer acceptance from 72% to 88% by end of Q1'],
      ];
      let t = Date.now();
      for (const [blockId, text] of typing) {
        t = Date.now();
        await client.typeInView(viewId, blockId, 'kr_text', text, 'U02JOON');
        await latestUpdate(world, t);
      }
      client.setViewValue(viewId, 'kr_owner_0', 'kr_owner', 'U01MINA');
      client.setViewValue(viewId, 'kr_owner_1', 'kr_owner', 'U01MINA');
      client.setViewValue(viewId, 'quarter', 'quarter_select', {
        text: { type: 'plain_text', text: '2027Q1' },
        value: '2027Q1',
      });
      await client.submitView(viewId, 'U02JOON');
      const isSummary = (c: { method: string; args: Record<string, unknown>; at: number }) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === 'C0TALENT' &&
        c.at >= t &&
        String(c.args.text).startsWith('New OKR');
      await slack.waitFor(isSummary);
      await slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.args.channel === 'U01MINA' && c.at >= t,
      );
    },
  },
];
