import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/localslack/signing.js';
import { type Harness, SIGNING_SECRET, startHarness, TEAM_ID } from '../support/harness.js';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

function signed(body: string, type = FORM): Record<string, string> {
  const ts = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': type,
    'x-slack-request-timestamp': ts,
    'x-slack-signature': signRequest(SIGNING_SECRET, ts, body),
  };
}
const interaction = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const user = { id: 'U01MINA', username: 'mina', team_id: TEAM_ID };
const team = { id: TEAM_ID, domain: 'acme' };

const MALFORMED: Array<[string, string, string]> = [
  ['a view_submission without a view', interaction({ type: 'view_submission', user, team }), FORM],
  [
    'a view_submission whose view is a string',
    interaction({ type: 'view_submission', user, team, view: 'x' }),
    FORM,
  ],
  [
    'an interaction without a user',
    interaction({ type: 'block_actions', team, actions: [{ action_id: 'checkin_open' }] }),
    FORM,
  ],
  [
    'a block_actions with actions not a list',
    interaction({ type: 'block_actions', user, team, actions: { action_id: 'x' } }),
    FORM,
  ],
  [
    'a block_actions with a numeric action_id',
    interaction({ type: 'block_actions', user, team, actions: [{ action_id: 7 }] }),
    FORM,
  ],
  ['an interaction of an unknown type', interaction({ type: 'nonsense', user, team }), FORM],
  // Found by the 50,000-input fuzz: each crashed Bolt itself (a 500) before any listener ran.
  [
    'a block_actions whose channel is null',
    interaction({ type: 'block_actions', user, team, channel: null, actions: [{ action_id: 'x' }] }),
    FORM,
  ],
  [
    'a view_closed naming the workspace "constructor"',
    interaction({
      type: 'view_closed',
      user,
      team: { id: 'constructor' },
      view: { id: 'V1', type: 'modal' },
    }),
    FORM,
  ],
  [
    'a command from the workspace "__proto__"',
    new URLSearchParams({
      command: '/okr',
      text: 'help',
      team_id: '__proto__',
      user_id: 'U01MINA',
    }).toString(),
    FORM,
  ],
  ['an interaction that is not an object', interaction([1, 2, 3]), FORM],
  ['a payload that is not JSON', 'payload=%7Bnot-json', FORM],
  [
    'a command without user_id',
    new URLSearchParams({ command: '/okr', text: 'list', team_id: TEAM_ID }).toString(),
    FORM,
  ],
  ['a form with neither command nor payload', 'hello=world', FORM],
  [
    'an event whose event is not an object',
    JSON.stringify({ type: 'event_callback', team_id: TEAM_ID, event: 'app_home_opened' }),
    JSON_TYPE,
  ],
  [
    'an event whose event is a list',
    JSON.stringify({ type: 'event_callback', team_id: TEAM_ID, event: [] }),
    JSON_TYPE,
  ],
  [
    'an event whose user is an object',
    JSON.stringify({
      type: 'event_callback',
      team_id: TEAM_ID,
      event: { type: 'app_home_opened', user: {} },
    }),
    JSON_TYPE,
  ],
  ['a JSON body that is a number', '42', JSON_TYPE],
  ['a JSON body of an unknown type', JSON.stringify({ type: 'whatever' }), JSON_TYPE],
  ['a JSON body that does not parse', '{"type":', JSON_TYPE],
];

describe('signed but malformed Slack payloads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.importSample();
  });
  afterAll(async () => h?.stop());

  for (const [what, body, type] of MALFORMED) {
    it(`answers ${what} with 400 malformed_payload, at once`, async () => {
      const started = Date.now();
      const res = await h.client.rawPost(body, signed(body, type));
      expect(Date.now() - started).toBeLessThan(1500);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ ok: false, error: 'malformed_payload' });
    });
  }

  it('leaves unsigned and badly signed requests to Bolt (401), malformed or not', async () => {
    const body = interaction({ type: 'view_submission', user, team });
    expect((await h.client.rawPost(body, { 'content-type': FORM })).status).toBe(401);
    const bad = { ...signed(body), 'x-slack-signature': `v0=${'0'.repeat(64)}` };
    expect((await h.client.rawPost(body, bad)).status).toBe(401);
  });

  it('still hands well-formed payloads to Bolt, which can read the body', async () => {
    const cmd = await h.client.slashCommand({ userId: 'U01MINA', command: '/okr', text: 'help' });
    expect(JSON.stringify(cmd)).not.toContain('malformed');
    const url = await h.client.urlVerification('abc123');
    expect(url.status).toBe(200);
    const home = await h.client.event({ type: 'app_home_opened', user: 'U01MINA', tab: 'home' });
    expect(home.status).toBe(200);
  });

  it('acknowledges at once what no listener handles (no 3-second wait)', async () => {
    const body = interaction({
      type: 'block_actions',
      user,
      team,
      trigger_id: '1.2.3',
      actions: [{ action_id: 'no_such_action', block_id: 'b', value: 'v' }],
    });
    const started = Date.now();
    const res = await h.client.rawPost(body, signed(body));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(res.status).toBe(200);
    const cmdBody = new URLSearchParams({
      command: '/nothing',
      text: '',
      team_id: TEAM_ID,
      user_id: 'U01MINA',
      channel_id: 'C1',
      trigger_id: '1.2.3',
    }).toString();
    const t2 = Date.now();
    const cmd = await h.client.rawPost(cmdBody, signed(cmdBody));
    expect(Date.now() - t2).toBeLessThan(1500);
    expect(cmd.status).toBe(200);
  });

  it('still answers /healthz', async () => {
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(res.status).toBe(200);
  });
});
