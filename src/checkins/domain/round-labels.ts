import { format } from 'date-fns/format';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `Mon 23 Nov` for a round key (`2026-11-23`, the local date of the round's slot). */
export function roundLabel(roundKey: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(roundKey);
  if (!m) return roundKey;
  return format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])), 'EEE d MMM');
}

/** `Mon 30 Nov, 10:00` in `timeZone`, for "you can change your answers until …". */
export function localTimeLabel(at: Date, timeZone: string): string {
  let fmt = timeFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (timeFormats.size > 500) timeFormats.clear();
    timeFormats.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')}, ${get('hour')}:${get('minute')}`;
}
