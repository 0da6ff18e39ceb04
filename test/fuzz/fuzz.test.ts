import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiJobs } from '../../src/kpis/jobs.js';
import { createApiToken } from '../../src/kpis/store/api-tokens.js';
import { signRequest } from '../../src/localslack/signing.js';
import { type Harness, SIGNING_SECRET, startHarness, TEAM_ID } from '../support/harness.js';

// A seeded fuzz of everything okrbot answers over HTTP: slash commands, interactions, events and the readings
// API, correctly signed (and some unsigned or badly signed), against one running okrbot with the sample org.
// FUZZ_INPUTS=100000 for a longer run, FUZZ_SEED to vary the inputs.
const TOTAL = Number(process.env.FUZZ_INPUTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CONCURRENCY = 16;
const TIMEOUT_MS = 3_000;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(SEED);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const chance = (p: number) => rand() < p;

const SAMPLE_USERS = ['U01MINA', 'U02JOON', 'U03DANA', 'U04SAM', 'U05PRIYA'];
/** Not in the directory: the permission table allows them nothing. */
const FORBIDDEN = ['U0STRANGER', 'U0FUZZ1', 'U0FUZZ2', 'W0FUZZ3'];
const OTHER_TEAMS = ['T0OTHER', 'T0EVIL', 'TXXXXXXXX'];
const KPI_KEYS = ['time-to-hire', 'offer-acceptance', 'retention-90', 'hr-sla', 'nope', 'constructor'];
const PROTO = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
const TOKENS = [
  '',
  'a',
  '41',
  '-5',
  '96.5%',
  '1e309',
  'NaN',
  'Infinity',
  '0',
  '100',
  '140',
  '2030-01-01',
  '0999-06-15',
  '0000-01-01',
  '9999-12-31',
  '2026-11-20',
  '2026-W47',
  '2026-11',
  'until',
  'someday',
  '2026-12-24',
  'O:',
  'Reduce time-to-hire from 52 to 30 days by end of Q4',
  '<!channel>',
  '<!here>',
  '<@U0INJECT>',
  '<https://evil.example/phish|Open your review>',
  '목표 달성 🚀',
  'ñandú',
  '\u202eevil',
  '\u0000',
  '"quoted"',
  '&amp;',
  '*bold* _it_',
  '\n',
  ...PROTO,
  ...KPI_KEYS,
];
const OKR_SUBS = ['draft', 'lint', 'list', 'pause', 'resume', 'help', 'close-quarter', 'carry-over', 'DRAFT'];
const KPI_SUBS = ['log', 'list', 'show', 'add', 'edit', 'help', 'LOG'];
const ACTION_IDS = [
  'checkin_open',
  'checkin_reply',
  'draft_add_row',
  'kr_text',
  'kr_owner',
  'kpi_alert_ack',
  'kpi_alert_snooze',
  'kpi_alert_draft_okr',
  'okr_carry_over',
  'okr_close_quarter',
  'okr_reflect',
  'okr_type_select',
  'no_such_action',
  ...PROTO,
];
const CALLBACK_IDS = [
  'okr_draft',
  'checkin_submit',
  'checkin_reply_submit',
  'kpi_save',
  'kpi_snooze',
  'okr_reflection',
  'no_such_view',
  ...PROTO,
];

function text(): string {
  if (chance(0.03)) return pick(['x', '목', '<!channel>', '🚀']).repeat(2_000 + int(20_000));
  return Array.from({ length: int(6) }, () => pick(TOKENS)).join(' ');
}

function junk(depth = 0): unknown {
  switch (int(depth > 2 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return pick([0, -1, 1e308, 3.5, -0, 2 ** 53]);
    case 3:
      return text();
    case 4:
      return pick(PROTO);
    case 5:
      return '';
    case 6:
      return Array.from({ length: int(4) }, () => junk(depth + 1));
    case 7:
      return Object.fromEntries(
        Array.from({ length: int(4) }, () => [pick([...PROTO, 'id', 'x', 'type']), junk(depth + 1)]),
      );
    default:
      return { id: pick([...SAMPLE_USERS, 'U0FUZZ1', 'x']) };
  }
}

type Obj = Record<string, unknown>;

/** 0–3 mutations: a field dropped, retyped or added, at the top or one level down; `keep` is left alone. */
function mutate(o: Obj, keep: readonly string[] = []): Obj {
  const copy = structuredClone(o) as Obj;
  for (let i = int(4); i > 0; i--) {
    let target: Obj = copy;
    const nested = Object.entries(copy).filter(
      ([k, v]) => !keep.includes(k) && typeof v === 'object' && v !== null,
    );
    if (nested.length > 0 && chance(0.4)) target = pick(nested)[1] as Obj;
    const keys = Object.keys(target).filter((k) => target !== copy || !keep.includes(k));
    const op = int(3);
    if (op === 0 && keys.length > 0) delete target[pick(keys)];
    else if (op === 1 && keys.length > 0) target[pick(keys)] = junk();
    else {
      const k = pick([...PROTO, 'extra', 'enterprise', 'is_enterprise_install', 'api_app_id']);
      if (target !== copy || !keep.includes(k)) target[k] = junk();
    }
  }
  return copy;
}

type Kind = 'command' | 'block_actions' | 'view_submission' | 'view_closed' | 'event' | 'readings';
type Signing = 'signed' | 'unsigned' | 'bad_signature' | 'stale';
interface Input {
  kind: Kind;
  signing: Signing;
  /** Known to be refused: it must write nothing. */
  refused: boolean;
  /** A /kpi log by someone the permission table forbids. */
  forbiddenLog?: boolean;
  path: string;
  body: string;
  headers: Record<string, string>;
}

function headersFor(body: string, type: string, signing: Signing): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const ts = String(signing === 'stale' ? now - 3_600 : now);
  const h: Record<string, string> = { 'content-type': type };
  if (signing === 'unsigned') return h;
  h['x-slack-request-timestamp'] = ts;
  h['x-slack-signature'] =
    signing === 'bad_signature'
      ? signRequest('not-the-secret', ts, body)
      : signRequest(SIGNING_SECRET, ts, body);
  return h;
}

const FORM = 'application/x-www-form-urlencoded';

/** One input. `refusedOnly`: only inputs known to be refused (bad signature, other workspace, forbidden). */
function generate(refusedOnly: boolean, token: string): Input {
  const kind = pick<Kind>([
    'command',
    'command',
    'block_actions',
    'view_submission',
    'view_closed',
    'event',
    'readings',
  ]);
  let signing: Signing = chance(0.1) ? pick<Signing>(['unsigned', 'bad_signature', 'stale']) : 'signed';
  const otherTeam =
    refusedOnly && signing === 'signed' && (kind !== 'command' || chance(0.5)) && kind !== 'readings';
  const team = otherTeam ? pick(OTHER_TEAMS) : TEAM_ID;
  const user = pick([...SAMPLE_USERS, ...FORBIDDEN]);
  if (kind === 'readings') return readingsInput(refusedOnly, token);
  if (kind === 'command') {
    const command = pick(['/okr', '/kpi', '/okr', '/kpi', '/nothing']);
    let sub = pick(command === '/kpi' ? KPI_SUBS : OKR_SUBS);
    if (chance(0.15)) sub = pick([...PROTO, '목표', '', text()]);
    let forbiddenLog = false;
    let who = user;
    let rest = text();
    if (refusedOnly && !otherTeam && signing === 'signed') {
      // Signed, this workspace: only a /kpi log by someone who may not log (nothing else is known refused).
      who = pick(FORBIDDEN);
      rest = `${pick(KPI_KEYS.slice(0, 4))} ${pick(['41', '90', '12.5', '0'])}${chance(0.5) ? ` ${pick(['2026-11-20', '2026-11', '2026-W47'])}` : ''}`;
      sub = 'log';
      forbiddenLog = true;
    }
    const fields: Obj = {
      token: 'local-verification-token',
      team_id: team,
      team_domain: 'acme',
      channel_id: pick(['C0TALENT', 'C0PEOPLE', 'D0FUZZ', 'C0NOPE']),
      channel_name: 'fuzz',
      user_id: who,
      user_name: 'fuzz',
      command: forbiddenLog ? '/kpi' : command,
      text: `${sub} ${rest}`.trim(),
      api_app_id: 'A0LOCAL',
      response_url: 'http://127.0.0.1:1/response',
      trigger_id: `${int(1e6)}.${int(1e6)}.fuzz`,
    };
    const keep = otherTeam ? ['team_id'] : forbiddenLog ? ['team_id', 'user_id', 'command', 'text'] : [];
    const final = chance(refusedOnly ? 0.3 : 0.2) ? mutate(fields, keep) : fields;
    const body = new URLSearchParams(
      Object.entries(final).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : String(JSON.stringify(v)),
      ]),
    ).toString();
    return {
      kind,
      signing,
      refused: refusedOnly,
      forbiddenLog,
      path: '/slack/events',
      body,
      headers: headersFor(body, chance(0.02) ? 'text/plain' : FORM, signing),
    };
  }
  if (refusedOnly && !otherTeam && signing === 'signed')
    signing = pick<Signing>(['unsigned', 'bad_signature', 'stale']);
  if (kind === 'event') {
    const event = chance(0.7)
      ? {
          type: 'app_home_opened',
          user,
          channel: 'D0FUZZ',
          tab: pick(['home', 'messages', junk()]),
          event_ts: '1.2',
        }
      : { type: pick(['message', 'app_mention', 'team_join', 'junk', ...PROTO]), user, text: text() };
    const envelope: Obj = {
      token: 'local-verification-token',
      team_id: team,
      api_app_id: 'A0LOCAL',
      event: chance(0.15) ? junk() : event,
      type: chance(0.05) ? pick(['url_verification', 'junk', ...PROTO]) : 'event_callback',
      event_id: `Ev${int(1e9)}`,
      event_time: 1,
      authorizations: [{ team_id: team, user_id: 'U0BOT', is_bot: true }],
    };
    const final = chance(0.3) ? mutate(envelope, otherTeam ? ['team_id'] : []) : envelope;
    const body = chance(0.03) ? text() : JSON.stringify(final);
    return {
      kind,
      signing,
      refused: refusedOnly,
      path: '/slack/events',
      body,
      headers: headersFor(body, 'application/json', signing),
    };
  }
  const teamObj = { id: team, domain: 'acme' };
  const userObj = { id: user, username: 'fuzz', team_id: team };
  const metadata = pick([
    '',
    JSON.stringify({ o: pick(SAMPLE_USERS), r: pick(['2026-11-23', '<!channel>', '__proto__']) }),
    JSON.stringify({ channel: 'C0TALENT', n: int(9), constructor: 1 }),
    JSON.stringify(junk()),
    text(),
  ]);
  const view = {
    id: `V${int(1e6)}`,
    team_id: team,
    type: 'modal',
    callback_id: pick(CALLBACK_IDS),
    private_metadata: metadata,
    hash: `${int(1e6)}.abc`,
    blocks: [],
    state: {
      values: chance(0.5)
        ? {
            objective: { objective: { type: 'plain_text_input', value: text() } },
            kr_text_0: { kr_text: { type: 'plain_text_input', value: text() } },
            kr_owner_0: { kr_owner: { type: 'users_select', selected_user: user } },
            reply: { text: { type: 'plain_text_input', value: text() } },
          }
        : {},
    },
  };
  let payload: Obj;
  if (kind === 'block_actions') {
    payload = {
      type: 'block_actions',
      user: userObj,
      team: teamObj,
      api_app_id: 'A0LOCAL',
      trigger_id: `${int(1e6)}.fuzz`,
      container: { type: 'message', channel_id: 'D0FUZZ', message_ts: '1.2' },
      channel: { id: 'D0FUZZ' },
      message: { ts: '1.2', text: 'x' },
      actions: [
        {
          action_id: pick(ACTION_IDS),
          block_id: pick(['checkin_actions', 'checkin_help_actions', 'draft_actions', 'x']),
          type: 'button',
          value: pick([metadata, JSON.stringify({ kpi: pick(KPI_KEYS), alert: 'a1' }), text()]),
          action_ts: '1.2',
        },
      ],
      ...(chance(0.3) ? { view } : {}),
    };
  } else {
    payload = { type: kind, user: userObj, team: teamObj, api_app_id: 'A0LOCAL', view, is_cleared: false };
  }
  const final = chance(refusedOnly ? 0.5 : 0.35) ? mutate(payload, otherTeam ? ['team'] : []) : payload;
  const body = chance(0.02)
    ? `payload=${encodeURIComponent(text())}`
    : `payload=${encodeURIComponent(JSON.stringify(final))}`;
  return {
    kind,
    signing,
    refused: refusedOnly,
    path: '/slack/events',
    body,
    headers: headersFor(body, FORM, signing),
  };
}

function readingsInput(refusedOnly: boolean, token: string): Input {
  const row = () =>
    chance(0.8)
      ? {
          kpi: pick(KPI_KEYS),
          period: pick([
            '2026-11',
            '2026-10',
            '2026-W47',
            '2026-11-20',
            '2030-01',
            '0999-06-15',
            '9999-12-31',
            '2026-13',
            text(),
          ]),
          value: pick<unknown>([41, 96.5, -3, 140, 0, 1e308, '41', null, junk()]),
          ...(chance(0.05) ? { extra: 1 } : {}),
        }
      : junk();
  let readings: unknown = Array.from({ length: chance(0.01) ? 10_001 : 1 + int(5) }, row);
  if (chance(0.1)) readings = junk();
  let body = JSON.stringify(chance(0.05) ? junk() : { readings });
  if (chance(0.03)) body = text();
  let auth: string | undefined = `Bearer ${token}`;
  if (refusedOnly || chance(0.1))
    auth = pick([undefined, 'Bearer nope', `Bearer ${token}x`, 'Basic abc', `bearer  ${token.slice(1)}`]);
  const headers: Record<string, string> = { 'content-type': chance(0.95) ? 'application/json' : 'text/csv' };
  if (auth) headers.authorization = auth;
  return {
    kind: 'readings',
    signing: 'signed',
    refused: refusedOnly,
    path: '/api/v1/readings',
    body,
    headers,
  };
}

const TABLES = ['kpi_readings', 'alerts', 'people', 'kpis', 'objectives', 'checkins'] as const;

describe('fuzz: signed and unsigned junk against one running okrbot', () => {
  let h: Harness;
  let token: string;
  const tried = new Map<string, number>();
  const statuses = new Map<string, number>();
  const failures: string[] = [];
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  beforeAll(async () => {
    // Junk makes listeners fail (invalid trigger ids, unknown users): counted, not printed.
    h = await startHarness({
      now: '2026-11-25T08:00:00Z',
      jobs: kpiJobs(),
      logSink: (line) => {
        if (line.includes('"level":"error"')) bump(statuses, 'logged_errors');
      },
    });
    await h.importSample();
    token = (await createApiToken(h.db, h.teamId, 'fuzz', h.clock.now())).token;
  });
  afterAll(async () => {
    const line = (m: Map<string, number>) =>
      [...m.entries()]
        .sort()
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
    console.log(`fuzz (seed ${SEED}): inputs by kind: ${line(tried)}`);
    console.log(`fuzz: statuses: ${line(statuses)}`);
    await h?.slack.waitForIdle(200).catch(() => undefined);
    await h?.stop();
  });

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        TABLES.map(async (t) => [
          t,
          Number(
            (
              await h.db
                .selectFrom(t)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ]),
      ),
    );

  async function send(input: Input): Promise<void> {
    bump(tried, `${input.kind}${input.signing === 'signed' ? '' : `:${input.signing}`}`);
    try {
      const res = await fetch(`http://127.0.0.1:${h.bot.port}${input.path}`, {
        method: 'POST',
        headers: input.headers,
        body: input.body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.arrayBuffer();
      bump(statuses, String(res.status));
      if (res.status >= 500) failures.push(`${res.status} for ${input.kind}: ${input.body.slice(0, 300)}`);
      if (input.signing !== 'signed' && input.path === '/slack/events' && res.status !== 401)
        failures.push(`${res.status} (not 401) for ${input.signing} ${input.kind}`);
    } catch (error) {
      bump(statuses, 'no_answer');
      failures.push(
        `no answer in ${TIMEOUT_MS} ms for ${input.kind}: ${(error as Error).message}: ${input.body.slice(0, 300)}`,
      );
    }
  }

  async function run(n: number, make: () => Input): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < n) {
          next++;
          await send(make());
        }
      }),
    );
  }

  it(`answers ${TOTAL} generated inputs without a crash, a 5xx or a timeout, and refused ones write nothing`, {
    timeout: 600_000,
  }, async () => {
    // Phase 1: only inputs known to be refused (bad or missing signature, another workspace, /kpi log by
    // people the permission table forbids, the readings API without a valid token): no row may change.
    const before = await counts();
    const refusedCount = Math.floor(TOTAL * 0.4);
    await run(refusedCount, () => generate(true, token));
    await h.slack.waitForIdle(100).catch(() => undefined);
    expect(await counts()).toEqual(before);

    // Phase 2: everything, mixed; some of it is accepted and writes.
    await run(TOTAL - refusedCount, () => generate(false, token));

    expect(failures.slice(0, 20)).toEqual([]);
    // Nobody outside the permission table ever logged a reading.
    const sources = await h.db.selectFrom('kpi_readings').select('source').distinct().execute();
    for (const s of sources) for (const f of FORBIDDEN) expect(s.source).not.toBe(`slack:${f}`);
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    expect(health.status).toBe(200);
    const total = [...tried.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(TOTAL);
  });
});
