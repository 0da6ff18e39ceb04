import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { escapeMrkdwn as esc, truncate } from '../../../platform/slack/mrkdwn.js';

export const KPI_MODAL_CALLBACK = 'kpi_save';

/** Block ids of the KPI form; every input's action id is `value`. */
export const KPI_BLOCKS = {
  key: 'kpi_key',
  name: 'kpi_name',
  unit: 'kpi_unit',
  direction: 'kpi_direction',
  cadence: 'kpi_cadence',
  owner: 'kpi_owner',
  channel: 'kpi_channel',
  team: 'kpi_team',
  range_low: 'kpi_range_low',
  range_high: 'kpi_range_high',
  aspirational: 'kpi_aspirational',
  alert_threshold: 'kpi_threshold',
  protocol: 'kpi_protocol',
  key_results: 'kpi_key_results',
} as const;

export interface KpiModalValues {
  key?: string;
  name?: string;
  unit?: string | null;
  direction?: 'higher_is_better' | 'lower_is_better';
  cadence?: 'weekly' | 'monthly';
  owner?: string;
  channel?: string | null;
  team?: string | null;
  rangeLow?: number;
  rangeHigh?: number;
  aspirational?: number | null;
  alertThreshold?: number;
  protocol?: string;
  keyResults?: string[];
}

export interface KpiModalInput {
  mode: 'add' | 'edit';
  values: KpiModalValues;
  teams: Array<{ key: string; name: string }>;
  keyResults: Array<{ id: string; text: string }>;
}

/** What the modal carries to its submission. */
export interface KpiModalMetadata {
  mode: 'add' | 'edit';
  key?: string;
}

function opt(value: string, text: string): PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(text, 75) }, value };
}

const DIRECTIONS: PlainTextOption[] = [
  opt('higher_is_better', 'Higher is better'),
  opt('lower_is_better', 'Lower is better'),
];
const CADENCES: PlainTextOption[] = [opt('weekly', 'Weekly (ISO weeks)'), opt('monthly', 'Monthly')];

const num = (v: number | null | undefined) =>
  v === null || v === undefined ? {} : { initial_value: String(v) };
const text = (v: string | null | undefined) => (v ? { initial_value: v } : {});

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element: { action_id: 'value', ...element },
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: { type: 'plain_text', text: extra.hint } } : {}),
  } as KnownBlock;
}

/** The key field when adding; a read-only note of the key when editing. */
function keyBlock(mode: KpiModalInput['mode'], v: KpiModalValues): KnownBlock {
  if (mode === 'add') {
    return input(
      KPI_BLOCKS.key,
      'Key',
      {
        type: 'plain_text_input',
        max_length: 64,
        placeholder: { type: 'plain_text', text: 'time-to-hire' },
        ...text(v.key),
      },
      {
        hint: 'A short slug used in /kpi log and the readings API: lowercase letters, digits, - or _.',
      },
    );
  }
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Key: \`${esc(v.key ?? '')}\` (it cannot change)` }],
  };
}

/** Name, unit, direction, cadence, owner and owner channel. */
function descriptionBlocks(v: KpiModalValues): KnownBlock[] {
  return [
    input(KPI_BLOCKS.name, 'Name', { type: 'plain_text_input', max_length: 150, ...text(v.name) }),
    input(
      KPI_BLOCKS.unit,
      'Unit',
      {
        type: 'plain_text_input',
        max_length: 40,
        placeholder: { type: 'plain_text', text: 'days, %, points' },
        ...text(v.unit),
      },
      { optional: true },
    ),
    input(KPI_BLOCKS.direction, 'Which way is better?', {
      type: 'static_select',
      options: DIRECTIONS,
      ...(v.direction ? { initial_option: DIRECTIONS.find((o) => o.value === v.direction) } : {}),
    }),
    input(KPI_BLOCKS.cadence, 'Cadence', {
      type: 'static_select',
      options: CADENCES,
      ...(v.cadence ? { initial_option: CADENCES.find((o) => o.value === v.cadence) } : {}),
    }),
    ...ownerBlocks(v),
  ];
}

/** The owner and the owner channel. */
function ownerBlocks(v: KpiModalValues): KnownBlock[] {
  return [
    input(
      KPI_BLOCKS.owner,
      'Owner',
      { type: 'users_select', ...(v.owner ? { initial_user: v.owner } : {}) },
      { hint: 'Every KPI has one owner, who gets its alerts.' },
    ),
    input(
      KPI_BLOCKS.channel,
      'Owner channel',
      {
        type: 'conversations_select',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(v.channel ? { initial_conversation: v.channel } : {}),
      },
      { optional: true, hint: 'Alerts are posted here as well as sent to the owner.' },
    ),
  ];
}

/** The team picker, only when there are teams to pick from. */
function teamBlocks(teams: KpiModalInput['teams'], v: KpiModalValues): KnownBlock[] {
  if (teams.length === 0) return [];
  const options = teams.slice(0, 100).map((t) => opt(t.key, t.name));
  const initial = options.find((o) => o.value === v.team);
  return [
    input(
      KPI_BLOCKS.team,
      'Team',
      { type: 'static_select', options, ...(initial ? { initial_option: initial } : {}) },
      { optional: true },
    ),
  ];
}

/** Target range, aspirational target and alert threshold. */
function targetBlocks(v: KpiModalValues): KnownBlock[] {
  return [
    input(KPI_BLOCKS.range_low, 'Target range: low end', {
      type: 'number_input',
      is_decimal_allowed: true,
      ...num(v.rangeLow),
    }),
    input(KPI_BLOCKS.range_high, 'Target range: high end', {
      type: 'number_input',
      is_decimal_allowed: true,
      ...num(v.rangeHigh),
    }),
    input(
      KPI_BLOCKS.aspirational,
      'Aspirational target',
      { type: 'number_input', is_decimal_allowed: true, ...num(v.aspirational) },
      { optional: true },
    ),
    input(
      KPI_BLOCKS.alert_threshold,
      'Alert threshold',
      { type: 'number_input', is_decimal_allowed: true, ...num(v.alertThreshold) },
      {
        hint: 'Critical level, beyond the range on the bad side: below it when higher is better, above it when lower is better.',
      },
    ),
  ];
}

/** The response protocol quoted in alerts. */
function protocolBlock(v: KpiModalValues): KnownBlock {
  return input(
    KPI_BLOCKS.protocol,
    'Response protocol',
    { type: 'plain_text_input', multiline: true, max_length: 2000, ...text(v.protocol) },
    { hint: 'What the owner does when the KPI leaves its range. Quoted in every alert.' },
  );
}

/** The linked key results picker, only when there are key results to link. */
function keyResultBlocks(keyResults: KpiModalInput['keyResults'], v: KpiModalValues): KnownBlock[] {
  if (keyResults.length === 0) return [];
  const krs = keyResults.slice(0, 100).map((k) => opt(k.id, k.text));
  const initial = krs.filter((o) => v.keyResults?.includes(o.value as string));
  return [
    input(
      KPI_BLOCKS.key_results,
      'Linked key results',
      {
        type: 'multi_static_select',
        options: krs,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
      {
        optional: true,
        hint: 'While an active OKR targets this KPI, its alerts go into that key result’s check-in.',
      },
    ),
  ];
}

/** The `/kpi add` and `/kpi edit KEY` modal. Pure: data in, view out. */
export function kpiModalView(data: KpiModalInput): ModalView {
  const v = data.values;
  const blocks: KnownBlock[] = [
    keyBlock(data.mode, v),
    ...descriptionBlocks(v),
    ...teamBlocks(data.teams, v),
    ...targetBlocks(v),
    protocolBlock(v),
    ...keyResultBlocks(data.keyResults, v),
  ];
  const metadata: KpiModalMetadata =
    data.mode === 'add' ? { mode: 'add' } : { mode: 'edit', key: v.key ?? '' };
  return {
    type: 'modal',
    callback_id: KPI_MODAL_CALLBACK,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: data.mode === 'add' ? 'Add a KPI' : 'Edit a KPI' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
