/**
 * Block Kit → plain readable text, for transcripts (`npm run demo`) and test failure messages.
 * Pure. Unknown shapes render as a short bracketed note rather than throwing.
 */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface RenderOptions {
  /** Display name for `<@U…>` mentions and users_select values. */
  userName?: (userId: string) => string | undefined;
  /** Name (without `#`) for `<#C…>` mentions. */
  channelName?: (channelId: string) => string | undefined;
}

export const RULE = '─'.repeat(30);

/** Light mrkdwn cleanup: mentions, links, entities, and bold, italic and strike markers. */
export function cleanMrkdwn(input: string, opts: RenderOptions = {}): string {
  let s = input.replace(/<([^<>]+)>/g, (_m, inner: string) => {
    const [target = '', label] = inner.split('|', 2) as [string, string | undefined];
    if (target.startsWith('@')) {
      const id = target.slice(1);
      return `@${label ?? opts.userName?.(id) ?? id}`;
    }
    if (target.startsWith('#')) {
      const id = target.slice(1);
      return `#${label ?? opts.channelName?.(id) ?? id}`;
    }
    if (target.startsWith('!')) {
      if (label) return label;
      const word = target.slice(1).split('^')[0] ?? '';
      return `@${word}`;
    }
    return label ?? target;
  });
  s = s.replace(/(^|[\s(["'])\*([^*\n]+)\*(?=$|[\s)\]"'.,!?:;])/gm, '$1$2');
  s = s.replace(/(^|[\s(["'])_([^_\n]+)_(?=$|[\s)\]"'.,!?:;])/gm, '$1$2');
  s = s.replace(/(^|[\s(["'])~([^~\n]+)~(?=$|[\s)\]"'.,!?:;])/gm, '$1$2');
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function textOf(t: unknown, opts: RenderOptions): string {
  if (typeof t === 'string') return t;
  if (!isObj(t) || typeof t.text !== 'string') return '';
  return t.type === 'mrkdwn' ? cleanMrkdwn(t.text, opts) : t.text;
}

function optionText(o: unknown, opts: RenderOptions): string {
  return isObj(o) ? textOf(o.text, opts) : '';
}

/** One-line rendering of an interactive element as it would look, unfilled. */
function renderElementInline(el: unknown, opts: RenderOptions): string {
  if (!isObj(el)) return '[ ? ]';
  const type = String(el.type);
  const ph = textOf(el.placeholder, opts);
  switch (type) {
    case 'button':
    case 'workflow_button':
      return `[ ${textOf(el.text, opts)} ]`;
    case 'overflow':
      return '[ … ]';
    case 'image':
      return `[image: ${String(el.alt_text ?? '')}]`;
    case 'datepicker':
      return `[ ${typeof el.initial_date === 'string' ? el.initial_date : ph || 'Select a date'} ]`;
    case 'timepicker':
      return `[ ${typeof el.initial_time === 'string' ? el.initial_time : ph || 'Select time'} ]`;
    case 'users_select':
      return `[ ${typeof el.initial_user === 'string' ? `@${opts.userName?.(el.initial_user) ?? el.initial_user}` : ph || 'Select a user'} ▾ ]`;
    case 'multi_users_select': {
      const users = Array.isArray(el.initial_users)
        ? el.initial_users.map((u) => `@${opts.userName?.(String(u)) ?? String(u)}`)
        : [];
      return `[ ${users.length ? users.join(', ') : ph || 'Select users'} ▾ ]`;
    }
    case 'checkboxes':
    case 'radio_buttons':
      return `[ ${(Array.isArray(el.options) ? el.options : []).map((o) => optionText(o, opts)).join(' / ')} ]`;
    default:
      if (type.endsWith('_select')) {
        const chosen = isObj(el.initial_option)
          ? optionText(el.initial_option, opts)
          : Array.isArray(el.initial_options)
            ? el.initial_options.map((o) => optionText(o, opts)).join(', ')
            : '';
        return `[ ${chosen || ph || 'Select an item'} ▾ ]`;
      }
      return `[ ${ph || type} ]`;
  }
}

function renderInput(block: Obj, opts: RenderOptions): string[] {
  const label = textOf(block.label, opts) + (block.optional === true ? ' (optional)' : '');
  const hint = block.hint !== undefined ? ` (${textOf(block.hint, opts)})` : '';
  const el = isObj(block.element) ? block.element : {};
  const type = String(el.type);
  if (type === 'checkboxes' || type === 'radio_buttons') {
    const chosen = new Set<string>();
    if (isObj(el.initial_option)) chosen.add(String(el.initial_option.value));
    if (Array.isArray(el.initial_options)) {
      for (const o of el.initial_options) if (isObj(o)) chosen.add(String(o.value));
    }
    const lines = [`${label}:${hint}`];
    for (const o of Array.isArray(el.options) ? el.options : []) {
      const on = isObj(o) && chosen.has(String(o.value));
      const box = type === 'checkboxes' ? (on ? '[x]' : '[ ]') : on ? '(•)' : '( )';
      lines.push(`  ${box} ${optionText(o, opts)}`);
    }
    return lines;
  }
  let field: string;
  if (['plain_text_input', 'number_input', 'email_text_input', 'url_text_input'].includes(type)) {
    field = typeof el.initial_value === 'string' && el.initial_value !== '' ? el.initial_value : '____';
  } else {
    field = renderElementInline(el, opts);
  }
  return [`${label}: ${field}${hint}`];
}

function richTextOf(el: unknown, opts: RenderOptions): string {
  if (!isObj(el)) return '';
  switch (el.type) {
    case 'text':
      return String(el.text ?? '');
    case 'link':
      return String(el.text ?? el.url ?? '');
    case 'user':
      return `@${opts.userName?.(String(el.user_id)) ?? String(el.user_id)}`;
    case 'channel':
      return `#${opts.channelName?.(String(el.channel_id)) ?? String(el.channel_id)}`;
    case 'emoji':
      return `:${String(el.name)}:`;
    case 'broadcast':
      return `@${String(el.range)}`;
    case 'date':
      return String(el.fallback ?? el.timestamp ?? '');
    default:
      return Array.isArray(el.elements) ? el.elements.map((e) => richTextOf(e, opts)).join('') : '';
  }
}

function renderRichText(block: Obj, opts: RenderOptions): string[] {
  const lines: string[] = [];
  for (const part of Array.isArray(block.elements) ? block.elements : []) {
    if (!isObj(part)) continue;
    if (part.type === 'rich_text_list') {
      const ordered = part.style === 'ordered';
      (Array.isArray(part.elements) ? part.elements : []).forEach((item, i) => {
        lines.push(`${ordered ? `${i + 1}.` : '•'} ${richTextOf(item, opts)}`);
      });
    } else {
      const prefix = part.type === 'rich_text_quote' ? '> ' : '';
      for (const l of richTextOf(part, opts).split('\n')) lines.push(prefix + l);
    }
  }
  return lines;
}

function renderBlock(block: unknown, opts: RenderOptions): string[] {
  if (!isObj(block)) return ['[invalid block]'];
  switch (block.type) {
    case 'header':
      return [`# ${textOf(block.text, opts)}`];
    case 'divider':
      return [RULE];
    case 'section': {
      const lines: string[] = [];
      if (block.text !== undefined) lines.push(...textOf(block.text, opts).split('\n'));
      if (Array.isArray(block.fields)) {
        for (const f of block.fields)
          lines.push(
            ...textOf(f, opts)
              .split('\n')
              .map((l) => `  ${l}`),
          );
      }
      if (block.accessory !== undefined) lines.push(`  ${renderElementInline(block.accessory, opts)}`);
      return lines;
    }
    case 'context': {
      const parts = (Array.isArray(block.elements) ? block.elements : []).map((e) =>
        isObj(e) && e.type === 'image' ? `[${String(e.alt_text ?? 'image')}]` : textOf(e, opts),
      );
      return parts.join(' · ').split('\n');
    }
    case 'actions':
      return [
        (Array.isArray(block.elements) ? block.elements : [])
          .map((e) => renderElementInline(e, opts))
          .join('  '),
      ];
    case 'input':
      return renderInput(block, opts);
    case 'image':
      return [
        `[image: ${String(block.alt_text ?? '')}${block.title ? ` — ${textOf(block.title, opts)}` : ''}]`,
      ];
    case 'markdown':
      return String(block.text ?? '')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .split('\n');
    case 'rich_text':
      return renderRichText(block, opts);
    default:
      return [`[${String(block.type)} block]`];
  }
}

/** Readable text of a message: its blocks when present, otherwise its `text`. */
export function renderBlocksAsText(blocks: unknown, text?: string, opts: RenderOptions = {}): string {
  if (Array.isArray(blocks) && blocks.length > 0) {
    return blocks.flatMap((b) => renderBlock(b, opts)).join('\n');
  }
  return cleanMrkdwn(text ?? '', opts);
}

/** Readable text of a modal or Home tab, with its title and submit/close buttons. */
export function renderViewAsText(view: unknown, opts: RenderOptions = {}): string {
  if (!isObj(view)) return '[invalid view]';
  const lines: string[] = [];
  if (view.type === 'home') lines.push('[Home]');
  else lines.push(`[Modal] ${textOf(view.title, opts)}`);
  const body = renderBlocksAsText(view.blocks, undefined, opts);
  if (body) lines.push(body);
  if (view.type !== 'home') {
    const buttons: string[] = [];
    if (view.close !== undefined || view.submit !== undefined)
      buttons.push(`[ ${textOf(view.close, opts) || 'Cancel'} ]`);
    if (view.submit !== undefined) buttons.push(`[ ${textOf(view.submit, opts)} ]`);
    if (buttons.length) lines.push(buttons.join('  '));
  }
  return lines.join('\n');
}
