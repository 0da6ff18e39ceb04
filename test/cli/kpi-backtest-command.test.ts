import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runKpiBacktestCommand } from '../../src/cli/kpi-backtest-command.js';
import type { CliIo } from '../../src/platform/cli-io.js';

const repo = resolve(import.meta.dirname, '..', '..');

function io(stdinText = ''): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  const stdin = new PassThrough();
  stdin.end(stdinText);
  return { stdin, stdout, stderr, cwd: repo, out: () => out, err: () => err };
}

describe('okrbot kpi backtest', () => {
  it('prints one JSON line per reading with --json', async () => {
    const t = io();
    expect(await runKpiBacktestCommand(['test/fixtures/kpi-backtest.json', '--json'], t)).toBe(0);
    const lines = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(16);
    for (const l of lines) expect(Object.keys(l)).toEqual(['kpi', 'period', 'value', 'notify']);
    expect(lines[3]).toEqual({
      kpi: 'time_to_hire',
      period: '2025-10',
      value: 47,
      notify: [{ rule: 'drop_20', severity: 'critical' }],
    });
    expect(t.err()).toBe('');
  });

  it('prints a readable table by default', async () => {
    const t = io();
    expect(await runKpiBacktestCommand(['test/fixtures/kpi-backtest.json'], t)).toBe(0);
    const text = t.out();
    expect(text).toMatch(/^KPI\s+PERIOD\s+VALUE\s+NOTIFY OWNER/);
    expect(text).toMatch(/time_to_hire\s+2025-10\s+47\s+drop_20 \(critical\)/);
    // Past the threshold while the drop alert is open: same incident, a thread reply rather than a new page.
    expect(text).toMatch(/time_to_hire\s+2026-01\s+58\s+-\s+fire threshold \(with drop_20\)/);
    expect(text).toMatch(/offer_acceptance: 7 readings, 1 notification\(s\)/);
  });

  it('reads the file from standard input with -', async () => {
    const t = io(
      JSON.stringify({
        kpis: [
          {
            key: 'k',
            direction: 'higher_is_better',
            cadence: 'monthly',
            range: [1, 2],
            alert_threshold: 0,
            readings: [{ period: '2026-01', value: 1.5 }],
          },
        ],
      }),
    );
    expect(await runKpiBacktestCommand(['-', '--json'], t)).toBe(0);
    expect(JSON.parse(t.out())).toEqual({ kpi: 'k', period: '2026-01', value: 1.5, notify: [] });
  });

  it('exits 2 naming the problem for a bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-backtest-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        kpis: [
          { key: 'k', direction: 'up', cadence: 'monthly', range: [1, 2], alert_threshold: 0, readings: [] },
        ],
      }),
    );
    writeFileSync(join(dir, 'broken.json'), '{"kpis": [');
    const bad = io();
    expect(await runKpiBacktestCommand([join(dir, 'bad.json')], bad)).toBe(2);
    expect(bad.err()).toMatch(/kpis\[0\]\.direction: /);
    expect(bad.err()).toMatch(/kpis\[0\]\.readings: /);
    expect(bad.out()).toBe('');
    const broken = io();
    expect(await runKpiBacktestCommand([join(dir, 'broken.json')], broken)).toBe(2);
    expect(broken.err()).toMatch(/not valid JSON/);
    const missing = io();
    expect(await runKpiBacktestCommand([join(dir, 'nope.json')], missing)).toBe(2);
    expect(missing.err()).toMatch(/cannot read .*nope\.json \(ENOENT\)/);
  });

  it('prints usage for --help and rejects unknown options or a missing FILE', async () => {
    const help = io();
    expect(await runKpiBacktestCommand(['--help'], help)).toBe(0);
    expect(help.out()).toMatch(/Usage: okrbot kpi backtest FILE \[--json\]/);
    const unknown = io();
    expect(await runKpiBacktestCommand(['--csv', 'x.json'], unknown)).toBe(2);
    expect(unknown.err()).toMatch(/unknown option --csv/);
    const none = io();
    expect(await runKpiBacktestCommand([], none)).toBe(2);
    expect(none.err()).toMatch(/FILE is missing/);
  });
});
