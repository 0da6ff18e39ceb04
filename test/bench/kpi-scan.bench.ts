// Evaluating 10,000 KPIs with 60 readings each, from the database to decided alerts, beside the bare read
// of the same reading rows (goal: at most 2× it). SQLite file; the data is loaded in bulk first. Run:
//   npm run bench -- kpi-scan
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { periodOf, shiftPeriod } from '../../src/kpis/domain/period.js';
import { applyDecisions } from '../../src/kpis/evaluate-and-notify.js';
import { decideBatch, loadKpiBatch } from '../../src/kpis/evaluation-batch.js';
import { ensureWorkspace } from '../../src/people/store.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { openDatabase } from '../../src/platform/db/open-database.js';
import type { BenchRow } from './report.js';

const KPIS = 10_000;
const READINGS = 60;
const TEAM = 'T0BENCH';
const NOW = new Date('2026-11-23T08:00:00Z');

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

type Timed<T> = { ms: number; value: T };

async function timed<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const RUNS = 5;
const GOAL_RATIO = 2;

/** The run of median time. */
function middle<T extends { ms: number }>(runs: T[]): T {
  return [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)]!;
}

function middleNumber(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function bulkLoad(file: string): { rows: number; badKpis: number } {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF');
  const rnd = random(20261123);
  const at = NOW.toISOString();
  const insertKpi = sqlite.prepare(
    `insert into kpis (id, team_id, key, name, unit, direction, owner_slack_id, channel_id, team_key, cadence,
       range_low, range_high, aspirational, alert_threshold, protocol, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, null, ?, ?, ?, ?)`,
  );
  const insertReading = sqlite.prepare(
    'insert into kpi_readings (team_id, kpi_id, period, value, source, recorded_at) values (?, ?, ?, ?, ?, ?)',
  );
  let rows = 0;
  let badKpis = 0;
  sqlite.transaction(() => {
    for (let i = 0; i < KPIS; i++) {
      const id = `kpi_${String(i).padStart(5, '0')}`;
      const weekly = i % 3 === 0;
      const higher = i % 2 === 0;
      const [lo, hi] = higher ? [85, 100] : [20, 40];
      const threshold = higher ? 75 : 52;
      insertKpi.run(
        id,
        TEAM,
        `kpi-${i}`,
        `KPI ${i}`,
        higher ? '%' : 'days',
        higher ? 'higher_is_better' : 'lower_is_better',
        `U${String(i % 500).padStart(5, '0')}`,
        `C${String(i % 50).padStart(4, '0')}`,
        weekly ? 'weekly' : 'monthly',
        lo,
        hi,
        threshold,
        'Look into it within a week',
        at,
        at,
      );
      // A noisy series inside the range; one KPI in twenty drifts out of it at the end.
      const last = shiftPeriod(periodOf(NOW, weekly ? 'weekly' : 'monthly'), -1);
      const drift = i % 20 === 0;
      if (drift) badKpis++;
      const mid = (lo + hi) / 2;
      for (let r = 0; r < READINGS; r++) {
        const period = shiftPeriod(last, r - (READINGS - 1));
        const late = drift && r >= READINGS - 3;
        const noise = (rnd() - 0.5) * (hi - lo) * 0.4;
        const value = late ? (higher ? lo - 12 - rnd() * 5 : hi + 14 + rnd() * 5) : mid + noise;
        insertReading.run(TEAM, id, period, Math.round(value * 10) / 10, 'bench', at);
        rows++;
      }
    }
  })();
  sqlite.close();
  return { rows, badKpis };
}

export default async function (): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'okrbot-kpi-scan-'));
  const file = join(dir, 'bench.db');
  try {
    const setup = openDatabase(`sqlite:${file}`);
    await migrateToLatest(setup.db);
    await ensureWorkspace(setup.db, { teamId: TEAM, name: 'Bench', botUserId: 'UBOT', botId: 'B0' }, NOW);
    await setup.close();
    const load = await timed(async () => bulkLoad(file));
    console.log(
      `${KPIS.toLocaleString('en-US')} KPIs × ${READINGS} readings = ${load.value.rows.toLocaleString('en-US')} reading rows (SQLite file), bulk-loaded in ${seconds(load.ms)}`,
    );

    const { db, close } = openDatabase(`sqlite:${file}`);
    try {
      // First evaluation: decides, writes the alert states and queues the messages (one transaction).
      const first = await timed(() =>
        db.transaction().execute(async (trx) => {
          const batch = await loadKpiBatch(trx, TEAM);
          return applyDecisions(trx, batch, decideBatch(batch, NOW), NOW);
        }),
      );
      const fired = first.value.changes.filter((c) => c.event === 'fire');
      const firedKpis = new Set(fired.map((c) => c.kpi)).size;
      console.log(
        `first evaluation, with writing alert states and queueing messages: ${seconds(first.ms)} (${fired.length} alerts fired on ${firedKpis} KPIs, ${load.value.badKpis} of them made to drift out of range; ${first.value.queued} messages queued)`,
      );

      // The same rows, read bare (what any scan has to pay for), and the batch path: KPIs, readings, open
      // alerts and OKR links in a handful of queries, then the detector. Interleaved, so that both see the
      // same load on the machine; the ratio is the median of the pairs' ratios.
      const bareRead = () =>
        db
          .selectFrom('kpi_readings')
          .select(['kpi_id', 'period', 'value'])
          .where('team_id', '=', TEAM)
          .orderBy('kpi_id')
          .orderBy('period')
          .execute();
      const batchPath = async () => {
        const read = await timed(() => loadKpiBatch(db, TEAM));
        const decided = await timed(async () => decideBatch(read.value, NOW, 'reading'));
        return { decisions: decided.value, readMs: read.ms, decideMs: decided.ms };
      };
      const pairs: Array<{
        bare: Timed<Awaited<ReturnType<typeof bareRead>>>;
        path: Timed<Awaited<ReturnType<typeof batchPath>>>;
      }> = [];
      for (let i = 0; i < RUNS; i++)
        pairs.push({ bare: await timed(bareRead), path: await timed(batchPath) });
      const bare = middle(pairs.map((p) => p.bare));
      const path = middle(pairs.map((p) => p.path));
      const ratio = middleNumber(pairs.map((p) => p.path.ms / p.bare.ms));
      const { decisions, readMs, decideMs } = path.value;
      const withEvents = decisions.filter((d) => d.result.events.length > 0).length;
      console.log(
        `bare read of the same ${bare.value.length.toLocaleString('en-US')} reading rows:   ${seconds(bare.ms)} (median of ${RUNS})`,
      );
      console.log(
        `batch path, database → decided alerts:   ${seconds(path.ms)}  (batch read ${seconds(readMs)} + detector ${seconds(decideMs)}; ${decisions.length.toLocaleString('en-US')} KPIs decided, ${withEvents} with alert events)`,
      );
      console.log(
        `per KPI: ${((path.ms * 1000) / KPIS).toFixed(0)} µs; the batch path costs ${ratio.toFixed(2)}× the bare read (median of ${RUNS} interleaved pairs)`,
      );
      return [
        {
          figure: `${KPIS.toLocaleString('en-US')} KPIs × ${READINGS} readings, DB → decided alerts`,
          okrbot: seconds(path.ms),
          reference: `bare read ${seconds(bare.ms)}`,
          ratio,
          goal: `≤ ${GOAL_RATIO}× (was 2.5×, issue 14)`,
          met: ratio <= GOAL_RATIO,
        },
      ];
    } finally {
      await close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
