import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/platform/outbox/outbox.js';
import type { SlackApi } from '../../src/platform/slack/slack-api.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';
import { TEAM_A, TEAM_B } from './two-workspaces.js';

/** A workspace's API as the sender sees it: records the calls made with it; `limited` answers every call 429. */
function workspaceApi(limited: boolean): SlackApi & { channels: string[] } {
  const channels: string[] = [];
  return {
    channels,
    call: async (_method, args) => {
      channels.push(String(args.channel));
      if (limited)
        throw Object.assign(new Error('rate limited'), {
          code: 'slack_webapi_rate_limited_error',
          retryAfter: 120,
        });
      return { ok: true, channel: args.channel, ts: `${channels.length}.000100` };
    },
  };
}

describe('the outbox with many workspaces', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase('sqlite');
  });
  afterEach(async () => {
    await t.drop();
  });

  it("sends each row with its own workspace's API, and a workspace's 429s never pause another's sends", async () => {
    const apis = { [TEAM_A]: workspaceApi(true), [TEAM_B]: workspaceApi(false) };
    const now = () => new Date('2026-11-23T01:00:00Z');
    const outbox = createOutbox({
      db: t.db,
      slack: { call: () => Promise.reject(new Error('the process-wide API must not be used')) },
      slackFor: async (teamId) => apis[teamId as keyof typeof apis],
      worker: 'test',
      now,
      log: { error: () => {} },
    });
    const rows = [TEAM_A, TEAM_B].flatMap((teamId) =>
      ['C1', 'C2', 'C3', 'C4', 'C5'].map((c) => ({
        teamId,
        kind: 'test',
        dedupeKey: `test:${teamId}:${c}`,
        method: 'chat.postMessage' as const,
        target: `${teamId === TEAM_A ? 'CA' : 'CB'}${c}`,
        payload: { text: 'hello' },
      })),
    );
    await outbox.enqueue(t.db, rows, now());
    const report = await outbox.sendNow();
    expect(report.sent).toBe(5);
    expect(apis[TEAM_B].channels.sort()).toEqual(['CBC1', 'CBC2', 'CBC3', 'CBC4', 'CBC5']);
    expect(apis[TEAM_A].channels.every((c) => c.startsWith('CA'))).toBe(true);
    const byTeam = await t.db.selectFrom('outbox').select(['team_id', 'status']).execute();
    expect(byTeam.filter((r) => r.team_id === TEAM_B).every((r) => r.status === 'sent')).toBe(true);
    expect(byTeam.filter((r) => r.team_id === TEAM_A).every((r) => r.status === 'failed')).toBe(true);
  });
});
