import type { LocalMessage } from '../../localslack/types.js';
import type { DemoScene, DemoWorld } from '../demo-world.js';

const MINA = 'U01MINA';
const JOON = 'U02JOON';
const DANA = 'U03DANA';
const MON_10_SEOUL = new Date('2026-11-23T01:00:00Z');
const MON_10_NEW_YORK = new Date('2026-11-23T15:00:00Z');
const HOUR = 3_600_000;

const dedupeKey = (m: LocalMessage) =>
  (m.metadata?.event_payload as { dedupe_key?: string } | undefined)?.dedupe_key ?? '';

/** Moves the clock to `at`, runs the scheduler once and waits until what it queued has reached Slack. */
async function tickAt(world: DemoWorld, at: Date): Promise<void> {
  world.clock.at = at;
  await world.bot.tick(at);
  await world.slack.waitForIdle(100);
}

/** Fails the demo when `channel` has no okrbot message of `kind` (its outbox dedupe key) after a scene. */
function expectMessage(world: DemoWorld, channel: string, kind: string, what: string): void {
  if (!world.slack.messages(channel).some((m) => dedupeKey(m).startsWith(`${kind}:`))) {
    throw new Error(`the demo expected ${what}`);
  }
}

async function keyResultId(world: DemoWorld, key: string): Promise<string> {
  const row = await world.db
    .selectFrom('key_results')
    .select('id')
    .where('team_id', '=', world.teamId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function openedView(world: DemoWorld, callbackId: string, after: number): Promise<string> {
  const call = await world.slack.waitFor(
    (c) =>
      c.method === 'views.open' &&
      world.slack.callsTo('views.open').indexOf(c) >= after &&
      JSON.stringify(c.args.view).includes(callbackId),
  );
  if (call.response.ok !== true) throw new Error(`views.open failed: ${String(call.response.error)}`);
  return (call.response.view as { id: string }).id;
}

export const checkinsScenes: DemoScene[] = [
  {
    title:
      'Monday 10:00 in Seoul: the scheduler wakes and sends Mina her weekly check-in (Dana in New York waits for her own 10:00)',
    play: async (world) => {
      world.clock.at = MON_10_SEOUL;
      await world.bot.tick(MON_10_SEOUL);
    },
  },
  {
    title: 'Mina clicks Check in: 41 days, at risk, and what is blocking her',
    play: async (world) => {
      const { slack, client } = world;
      world.clock.at = new Date(MON_10_SEOUL.getTime() + 12 * 60_000);
      const prompt = slack.messages(MINA).find((m) => dedupeKey(m).startsWith('checkin-prompt:'));
      if (!prompt) throw new Error('Mina has no check-in prompt');
      const before = slack.callsTo('views.open').length;
      await client.blockAction({
        userId: MINA,
        actions: [{ action_id: 'checkin_open', block_id: 'checkin_actions' }],
        message: { channel: prompt.channel, ts: prompt.ts },
      });
      const viewId = await openedView(world, 'checkin_submit', before);
      const tth = await keyResultId(world, 'tth');
      const offer = await keyResultId(world, 'offer-accept');
      client.setViewValue(viewId, `kr:${tth}:value`, 'value', '41 days');
      client.setViewValue(viewId, `kr:${tth}:confidence`, 'confidence', 'at_risk');
      client.setViewValue(
        viewId,
        `kr:${tth}:changed`,
        'changed',
        'Screening moved to the recruiters; first interviews within 5 days',
      );
      client.setViewValue(
        viewId,
        `kr:${tth}:blockers`,
        'blockers',
        'Hiring managers take two weeks to send interview feedback',
      );
      client.setViewValue(
        viewId,
        `kr:${tth}:next`,
        'next',
        'Agree a 48-hour feedback rule with the engineering leads',
      );
      client.setViewValue(viewId, `kr:${offer}:value`, 'value', '76%');
      client.setViewValue(viewId, `kr:${offer}:confidence`, 'confidence', 'on_track');
      await client.submitView(viewId, MINA);
      await slack.waitFor((c) => c.method === 'chat.update' && c.args.ts === prompt.ts);
      await slack.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === JOON);
      await slack.waitFor(
        (c) => c.method === 'chat.postMessage' && c.args.channel === 'C0TALENT' && Boolean(c.args.thread_ts),
      );
    },
  },
  {
    title: 'Joon, who owns the objective, replies to Mina from the DM about her blocker',
    play: async (world) => {
      const { slack, client } = world;
      world.clock.at = new Date(MON_10_SEOUL.getTime() + 40 * 60_000);
      const help = slack.messages(JOON).find((m) => dedupeKey(m).startsWith('checkin-help:'));
      if (!help) throw new Error('Joon got no request for help');
      const before = slack.callsTo('views.open').length;
      await client.blockAction({
        userId: JOON,
        actions: [{ action_id: 'checkin_reply', block_id: 'checkin_help_actions' }],
        message: { channel: help.channel, ts: help.ts },
      });
      const viewId = await openedView(world, 'checkin_reply_submit', before);
      client.setViewValue(
        viewId,
        'reply',
        'text',
        'I will put the 48-hour feedback rule on Tuesday’s leads meeting and chase the two open loops today.',
      );
      await client.submitView(viewId, JOON);
      await slack.waitFor(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === MINA &&
          JSON.stringify(c.args.blocks).includes('replied'),
      );
    },
  },
];

/** Monday 10:00 in New York: Dana's prompt at her own 10:00, fourteen hours after Mina's. */
export const newYorkScenes: DemoScene[] = [
  {
    title: 'Monday 10:00 in New York (15:00 UTC): Dana gets her check-in at her own 10:00',
    play: async (world) => {
      await tickAt(world, MON_10_NEW_YORK);
      expectMessage(world, DANA, 'checkin-prompt', 'Dana’s prompt at 10:00 in New York');
    },
  },
];

/** The rest of the week: the one reminder, the digests when the round closes. */
export const laterCheckinScenes: DemoScene[] = [
  {
    title:
      'Wednesday 10:00 in New York: Dana has not answered, so okrbot sends its one reminder (48 hours on)',
    play: async (world) => {
      await tickAt(world, new Date(MON_10_NEW_YORK.getTime() + 48 * HOUR));
      expectMessage(world, DANA, 'checkin-nudge', 'Dana’s reminder');
    },
  },
  {
    title:
      'Next Monday: the round closes in each zone and each team’s digest lands in its channel (the next round begins)',
    play: async (world) => {
      await tickAt(world, new Date(MON_10_SEOUL.getTime() + 7 * 24 * HOUR));
      await tickAt(world, new Date(MON_10_NEW_YORK.getTime() + 7 * 24 * HOUR));
      expectMessage(world, 'C0TALENT', 'checkin-digest', 'the Talent Acquisition digest');
      expectMessage(world, 'C0PEOPLE', 'checkin-digest', 'the People Operations digest');
    },
  },
];
