// Numbers as people type them in a check-in, and as okrbot shows them back.

const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:\s*(.*))?$/s;
const MAX_MAGNITUDE = 1e12;

export type ParsedValue = { ok: true; value: number } | { ok: false; error: string };

function unitForms(unit: string): string[] {
  const u = unit.trim().toLowerCase();
  if (u === '%' || u === 'percent' || u === 'pct') return ['%', 'percent', 'pct'];
  const forms = new Set([u]);
  if (u.endsWith('s')) forms.add(u.slice(0, -1));
  else forms.add(`${u}s`);
  return [...forms];
}

function example(unit: string | null): string {
  if (!unit) return '41, 41.5 or 1,200';
  return unit.trim() === '%' ? '41, 41.5 or 41%' : `41, 41.5 or 41 ${unit.trim()}`;
}

/**
 * Reads the new current value of a key result: `41`, `41.5`, `-3`, `1,200`, `41 days`, `41%`. A unit after
 * the number must be the key result's own (singular or plural); a key result without a unit takes a short
 * word after the number and ignores it. Anything else (`forty`, `41 or 42`, `4.1.2`) is an error that says
 * what to type.
 */
export function parseMeasuredValue(text: string, unit: string | null): ParsedValue {
  const raw = text.trim();
  if (raw === '') return { ok: false, error: `Enter the current value, e.g. ${example(unit)}` };
  const m = NUMBER_RE.exec(raw);
  if (!m || (m[2] === undefined && m[3] === undefined)) {
    return { ok: false, error: `"${raw.slice(0, 40)}" is not a number. Enter e.g. ${example(unit)}` };
  }
  const rest = (m[4] ?? '').trim();
  if (rest !== '') {
    const word = rest.toLowerCase();
    if (unit && unit.trim() !== '') {
      if (!unitForms(unit).includes(word)) {
        return {
          ok: false,
          error: `This key result is measured in ${unit.trim()}: enter e.g. ${example(unit)}`,
        };
      }
    } else if (!/^(%|[a-z][a-z.-]{0,19})$/.test(word)) {
      return { ok: false, error: `"${raw.slice(0, 40)}" is not a number. Enter e.g. ${example(unit)}` };
    }
  }
  const value = Number(`${m[1]}${(m[2] ?? '0').replaceAll(',', '')}${m[3] !== undefined ? `.${m[3]}` : ''}`);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
    return { ok: false, error: 'That number is too large for a key result' };
  }
  return { ok: true, value };
}

// Built once: constructing Intl formatters per message dominated a 10,000-owner round.
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** `41 days`, `80%`, `1,200`, `3.75 points`; `–` when there is no value. */
export function formatMeasure(value: number | null | undefined, unit: string | null): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  const n = NUMBER_FORMAT.format(value);
  if (!unit || unit.trim() === '') return n;
  const u = unit.trim();
  return u === '%' ? `${n}%` : `${n} ${u}`;
}

/** The number alone, as the modal pre-fills it (no thousands separators, so it reads back unchanged). */
export function formatPlainNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(Number(value.toFixed(4)));
}
