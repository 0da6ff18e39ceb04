/**
 * What a Slack client keeps for an open view: `state.values` entries for its elements, built the way
 * Slack sends them in `block_actions` / `view_submission` payloads, plus the checks the Slack client
 * itself makes before a submission leaves the user's machine.
 */
import type { JsonObject } from './types.js';

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value a simulated user enters: text, a number, an option value (or option object), or a list of them. */
export type ViewInputValue = string | number | string[] | JsonObject | JsonObject[] | null;

export type StateValues = Record<string, Record<string, JsonObject>>;

export interface FoundElement {
  block: JsonObject;
  element: JsonObject;
  blockIndex: number;
}

/** Block ids Slack generates when a block has none (stable here so tests can read them). */
export function blockIdOf(block: JsonObject, index: number): string {
  return typeof block.block_id === 'string' ? block.block_id : `auto_block_${index}`;
}

export function actionIdOf(element: JsonObject, index = 0): string {
  return typeof element.action_id === 'string' ? element.action_id : `auto_action_${index}`;
}

function elementsOf(block: JsonObject): JsonObject[] {
  if (block.type === 'input' && isObj(block.element)) return [block.element];
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements.filter(isObj);
  if (block.type === 'section' && isObj(block.accessory)) return [block.accessory];
  return [];
}

export function findElement(blocks: unknown, blockId: string, actionId: string): FoundElement | undefined {
  if (!Array.isArray(blocks)) return undefined;
  for (const [blockIndex, block] of blocks.entries()) {
    if (!isObj(block) || blockIdOf(block, blockIndex) !== blockId) continue;
    const els = elementsOf(block);
    const element = els.find((e, i) => actionIdOf(e, i) === actionId);
    if (element) return { block, element, blockIndex };
  }
  return undefined;
}

function allOptions(element: JsonObject): JsonObject[] {
  const opts: JsonObject[] = Array.isArray(element.options) ? element.options.filter(isObj) : [];
  if (Array.isArray(element.option_groups)) {
    for (const g of element.option_groups) {
      if (isObj(g) && Array.isArray(g.options)) opts.push(...g.options.filter(isObj));
    }
  }
  return opts;
}

function toOption(element: JsonObject, v: unknown, where: string): JsonObject {
  if (isObj(v)) return v;
  const value = String(v);
  const found = allOptions(element).find((o) => o.value === value);
  if (found) return structuredClone(found);
  if (String(element.type).includes('external')) return { text: { type: 'plain_text', text: value }, value };
  const known = allOptions(element)
    .map((o) => JSON.stringify(o.value))
    .join(', ');
  throw new Error(`${where}: no option with value ${JSON.stringify(value)} (options: ${known || 'none'})`);
}

function list(v: ViewInputValue): unknown[] {
  if (v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The `state.values[block][action]` entry for an element holding `value`. Throws on a value the element cannot hold. */
export function stateValueFor(
  element: JsonObject,
  value: ViewInputValue,
  where = 'setViewValue',
): JsonObject {
  const type = String(element.type);
  const one = (v: ViewInputValue) => (v === null ? null : Array.isArray(v) ? v[0] : v);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
        throw new Error(`${where}: ${type} takes a string`);
      }
      return { type, value: value === null ? null : String(value) };
    case 'rich_text_input':
      return { type, rich_text_value: value };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const v = one(value);
      return { type, selected_option: v === null || v === undefined ? null : toOption(element, v, where) };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: list(value).map((v) => toOption(element, v, where)) };
    case 'users_select':
      return { type, selected_user: one(value) ?? null };
    case 'multi_users_select':
      return { type, selected_users: list(value).map(String) };
    case 'conversations_select':
      return { type, selected_conversation: one(value) ?? null };
    case 'multi_conversations_select':
      return { type, selected_conversations: list(value).map(String) };
    case 'channels_select':
      return { type, selected_channel: one(value) ?? null };
    case 'multi_channels_select':
      return { type, selected_channels: list(value).map(String) };
    case 'datepicker':
      if (value !== null && !(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) {
        throw new Error(`${where}: datepicker takes YYYY-MM-DD (got ${JSON.stringify(value)})`);
      }
      return { type, selected_date: value };
    case 'timepicker':
      if (value !== null && !(typeof value === 'string' && /^\d{2}:\d{2}$/.test(value))) {
        throw new Error(`${where}: timepicker takes HH:mm (got ${JSON.stringify(value)})`);
      }
      return { type, selected_time: value };
    case 'datetimepicker':
      return { type, selected_date_time: value === null ? null : Number(value) };
    default:
      throw new Error(`${where}: element type ${type} holds no value`);
  }
}

/** What Slack sends for an input element the user has not touched (its initial value, or empty). */
export function defaultStateValue(element: JsonObject): JsonObject | undefined {
  const type = String(element.type);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type, value: typeof element.initial_value === 'string' ? element.initial_value : null };
    case 'rich_text_input':
      return { type, rich_text_value: element.initial_value ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: isObj(element.initial_option) ? element.initial_option : null };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        type,
        selected_options: Array.isArray(element.initial_options) ? element.initial_options : [],
      };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    case 'conversations_select':
      return { type, selected_conversation: element.initial_conversation ?? null };
    case 'multi_conversations_select':
      return { type, selected_conversations: element.initial_conversations ?? [] };
    case 'channels_select':
      return { type, selected_channel: element.initial_channel ?? null };
    case 'multi_channels_select':
      return { type, selected_channels: element.initial_channels ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'timepicker':
      return { type, selected_time: element.initial_time ?? null };
    case 'datetimepicker':
      return { type, selected_date_time: element.initial_date_time ?? null };
    default:
      return undefined;
  }
}

/**
 * `state.values` for the view's current blocks: every input element (touched or not), plus touched
 * elements of actions blocks and section accessories. Values for blocks/actions no longer in the view,
 * or whose element changed type, are dropped — as Slack does.
 */
export function buildStateValues(
  blocks: unknown,
  tracked: Map<string, Map<string, JsonObject>> | undefined,
): StateValues {
  const values: StateValues = {};
  if (!Array.isArray(blocks)) return values;
  blocks.forEach((block, i) => {
    if (!isObj(block)) return;
    const bid = blockIdOf(block, i);
    elementsOf(block).forEach((el, j) => {
      const aid = actionIdOf(el, j);
      const t = tracked?.get(bid)?.get(aid);
      const v = t && t.type === el.type ? t : block.type === 'input' ? defaultStateValue(el) : undefined;
      if (v === undefined) return;
      values[bid] ??= {};
      (values[bid] as Record<string, JsonObject>)[aid] = v;
    });
  });
  return values;
}

function isEmpty(v: JsonObject): boolean {
  for (const [k, x] of Object.entries(v)) {
    if (k === 'type') continue;
    if (x === null || x === undefined || x === '') continue;
    if (Array.isArray(x) && x.length === 0) continue;
    return false;
  }
  return true;
}

/** Errors the Slack client shows by itself (no request to the app): required inputs, lengths, number and email/url format. */
export function clientSideErrors(blocks: unknown, values: StateValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(blocks)) return errors;
  blocks.forEach((block, i) => {
    if (!isObj(block) || block.type !== 'input' || !isObj(block.element)) return;
    const el = block.element;
    const bid = blockIdOf(block, i);
    const v = values[bid]?.[actionIdOf(el)];
    if (!v || isEmpty(v)) {
      if (block.optional !== true) errors[bid] = 'Please complete this required field.';
      return;
    }
    const text = typeof v.value === 'string' ? v.value : undefined;
    if (text === undefined) return;
    if (el.type === 'plain_text_input') {
      if (typeof el.min_length === 'number' && text.length < el.min_length) {
        errors[bid] = `Must have at least ${el.min_length} characters`;
      } else if (typeof el.max_length === 'number' && text.length > el.max_length) {
        errors[bid] = `Must have at most ${el.max_length} characters`;
      }
    } else if (el.type === 'number_input') {
      const n = Number(text);
      if (text.trim() === '' || Number.isNaN(n)) errors[bid] = 'Must be a number';
      else if (el.is_decimal_allowed !== true && !Number.isInteger(n)) errors[bid] = 'Must be a whole number';
      else if (typeof el.min_value === 'string' && n < Number(el.min_value))
        errors[bid] = `Must be at least ${el.min_value}`;
      else if (typeof el.max_value === 'string' && n > Number(el.max_value))
        errors[bid] = `Must be at most ${el.max_value}`;
    } else if (el.type === 'email_text_input' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) {
      errors[bid] = 'Must be an email address';
    } else if (el.type === 'url_text_input' && !URL.canParse(text)) {
      errors[bid] = 'Must be a URL';
    }
  });
  return errors;
}

/** A short readable form of a state value, for transcripts. */
export function describeStateValue(v: JsonObject, userName: (id: string) => string = (id) => id): string {
  const optText = (o: unknown) =>
    isObj(o) && isObj(o.text) ? String(o.text.text) : isObj(o) ? String(o.value) : '';
  if ('value' in v) return v.value === null ? '—' : `"${String(v.value)}"`;
  if ('selected_option' in v) return v.selected_option ? `"${optText(v.selected_option)}"` : '—';
  if ('selected_options' in v && Array.isArray(v.selected_options)) {
    return v.selected_options.length ? v.selected_options.map((o) => `"${optText(o)}"`).join(', ') : '—';
  }
  if ('selected_user' in v) return v.selected_user ? `@${userName(String(v.selected_user))}` : '—';
  if ('selected_users' in v && Array.isArray(v.selected_users)) {
    return v.selected_users.length ? v.selected_users.map((u) => `@${userName(String(u))}`).join(', ') : '—';
  }
  for (const k of [
    'selected_date',
    'selected_time',
    'selected_date_time',
    'selected_conversation',
    'selected_channel',
  ]) {
    if (k in v) return v[k] === null ? '—' : String(v[k]);
  }
  return JSON.stringify(v);
}
