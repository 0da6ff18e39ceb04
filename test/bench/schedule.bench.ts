// promptDue for 10,000 owners across 20 time zones, as one scheduler tick would run it.
import { DEFAULT_SCHEDULE, promptDue } from '../../src/checkins/domain/schedule/index.js';

const ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Helsinki',
  'Africa/Lagos',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Shanghai',
  'Asia/Seoul',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Denver',
  'America/New_York',
  'America/Sao_Paulo',
];

const OWNERS = 10_000;

export default async function (): Promise<void> {
  const owners: { tz: string; last: string | undefined; pausedUntil: string | undefined }[] = Array.from(
    { length: OWNERS },
    (_, i) => ({
      tz: ZONES[i % ZONES.length] as string,
      last: i % 3 === 0 ? undefined : '2026-11-16',
      pausedUntil: i % 17 === 0 ? '2026-12-01' : undefined,
    }),
  );
  // One tick per hour over a week, with a warm-up tick first.
  const ticks = Array.from({ length: 1 + 7 * 24 }, (_, h) => new Date(Date.UTC(2026, 10, 22, h)));
  let due = 0;
  let calls = 0;
  let start = 0;
  for (const [i, now] of ticks.entries()) {
    if (i === 1) start = performance.now();
    for (const o of owners) {
      const res = promptDue(DEFAULT_SCHEDULE, o.tz, o.last, now, o.pausedUntil);
      if (res.due) o.last = res.round.key; // the scheduler records the round it prompted for
      if (i > 0) {
        calls++;
        if (res.due) due++;
      }
    }
  }
  const ms = performance.now() - start;
  console.log(`promptDue: ${OWNERS} owners × ${ZONES.length} zones × ${ticks.length - 1} hourly ticks`);
  console.log(`  ${calls} calls in ${ms.toFixed(0)} ms: ${((ms * 1000) / calls).toFixed(2)} µs per call`);
  console.log(`  one tick for all owners: ${(ms / (ticks.length - 1)).toFixed(1)} ms; prompts sent: ${due}`);
}
