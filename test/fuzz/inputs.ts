import { signRequest } from '../../src/localslack/signing.js';
import { SIGNING_SECRET, TEAM_ID } from '../support/harness.js';

// The seeded input generator of the fuzz test (test/fuzz/fuzz.test.ts), shared with the load test
// (test/resilience/load.test.ts), which sends the same inputs while mixed traffic runs.

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

let rand = prng(20261123);

/** Restarts the generator: the same seed gives the same inputs. */
export function reseedFuzz(seed: number): void {
  rand = prng(seed);
}
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const chance = (p: number) => rand() < p;

const SAMPLE_USERS = ['U01MINA', 'U02JOON', 'U03DANA', 'U04SAM', 'U05PRIYA'];
/** Not in the directory: the permission table allows them nothing. */
export const FORBIDDEN = ['U0STRANGER', 'U0FUZZ1', 'U0FUZZ2', 'W0FUZZ3'];
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

export type Kind = 'command' | 'block_actions' | 'view_submission' | 'view_closed' | 'event' | 'readings';
export type Signing = 'signed' | 'unsigned' | 'bad_signature' | 'stale';
export interface Input {
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
export function generate(refusedOnly: boolean, token: string): Input {
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

/** What okrbot answered to one input: its status, or `undefined` when no answer came within `timeoutMs`. */
export interface FuzzAnswer {
  status: number | undefined;
  ms: number;
  error?: string;
}

/** Sends one input to the okrbot listening on `port`. */
export async function sendFuzzInput(port: number, input: Input, timeoutMs: number): Promise<FuzzAnswer> {
  const started = performance.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}${input.path}`, {
      method: 'POST',
      headers: input.headers,
      body: input.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch (error) {
    return { status: undefined, ms: performance.now() - started, error: (error as Error).message };
  }
}

/** A problem with one answer, or undefined: a 5xx, no answer, or a bad signature not answered 401. */
export function fuzzProblem(input: Input, answer: FuzzAnswer): string | undefined {
  if (answer.status === undefined)
    return `no answer in time for ${input.kind}: ${answer.error}: ${input.body.slice(0, 300)}`;
  if (answer.status >= 500) return `${answer.status} for ${input.kind}: ${input.body.slice(0, 300)}`;
  if (input.signing !== 'signed' && input.path === '/slack/events' && answer.status !== 401)
    return `${answer.status} (not 401) for ${input.signing} ${input.kind}`;
  return undefined;
}
