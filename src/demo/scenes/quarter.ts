import type { DemoScene, DemoWorld } from '../demo-world.js';

const CLOSE_AT = new Date('2026-11-30T16:00:00Z');

/** `/okr close-quarter 2026Q4` by `userId` in `channel`; waits until the team's report is posted where it goes. */
async function closeFor(world: DemoWorld, userId: string, channel: string, reportTo: string): Promise<void> {
  const { client, slack } = world;
  world.clock.at = CLOSE_AT;
  const res = await client.slashCommand({
    command: '/okr',
    text: 'close-quarter 2026Q4',
    userId,
    channelId: channel,
  });
  if (res.status !== 200) throw new Error(`/okr close-quarter answered ${res.status}`);
  await slack.waitFor(
    (c) =>
      c.method === 'chat.postMessage' &&
      c.response.ok === true &&
      (c.args.channel === reportTo || c.response.channel === slack.dmChannelOf(reportTo)) &&
      String(c.args.text).startsWith('2026Q4 closed'),
  );
}

/** The end of the week: each team closes the sample quarter and reads its report. */
export const quarterScenes: DemoScene[] = [
  {
    title:
      'End of the week: Joon closes 2026Q4 for Talent Acquisition to see the report (/okr close-quarter 2026Q4); the committed shortfall asks him what got in the way',
    play: async (world) => {
      await closeFor(world, 'U02JOON', 'C0TALENT', 'C0TALENT');
      await world.slack.waitFor(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === 'U02JOON' &&
          String(c.args.text).includes('What got in the way?'),
      );
    },
  },
  {
    title: 'Sam closes 2026Q4 for People Operations: an aspirational OKR, graded against 0.7',
    play: async (world) => {
      await closeFor(world, 'U04SAM', 'C0PEOPLE', 'C0PEOPLE');
    },
  },
];
