import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runLintCommand } from '../../src/cli/lint-command.js';
import type { CliIo } from '../../src/platform/cli-io.js';

const NOW = new Date('2026-11-15T10:00:00Z');

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  return () => Buffer.concat(chunks).toString('utf8');
}

async function run(argv: string[], stdinText = '', cwd = process.cwd()) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const io: CliIo = { stdin, stdout, stderr, cwd };
  stdin.end(stdinText);
  const code = await runLintCommand(argv, io, NOW);
  return { code, stdout: out(), stderr: err() };
}

const INPUT = [
  'O: Make hiring feel fast and fair for every candidate',
  'Cut median time-to-hire from 52 days to 30 days by end of Q4',
  '',
  'Conduct 100 stay interviews',
  '   ',
  '안전사고 0건 유지',
].join('\n');

describe('okrbot lint', () => {
  it('--json prints exactly one JSON object per non-blank input line', async () => {
    const { code, stdout, stderr } = await run(['--json'], INPUT);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const rows = lines.map((l) => JSON.parse(l));
    expect(Object.keys(rows[1])).toEqual([
      'text',
      'verdict',
      'has_baseline',
      'has_target',
      'has_deadline',
      'vague',
      'findings',
    ]);
    expect(rows[0]).toMatchObject({
      text: 'Make hiring feel fast and fair for every candidate',
      verdict: 'objective_ok',
    });
    expect(rows[1]).toMatchObject({
      verdict: 'outcome',
      has_baseline: true,
      has_target: true,
      has_deadline: true,
      vague: false,
    });
    expect(rows[2].verdict).toBe('activity');
    expect(rows[2].findings.map((f: { code: string }) => f.code)).toContain('activity');
    expect(rows[3].verdict).toBe('kpi_standard');
  });

  it('uses the quarter of now (UTC) for the suggested deadline', async () => {
    const { stdout } = await run(['--json', '-'], 'Reduce churn from 5% to 3%\n');
    const row = JSON.parse(stdout.trim());
    const deadline = row.findings.find((f: { code: string }) => f.code === 'missing_deadline');
    expect(deadline.suggestion).toContain('by 2026-12-31');
    expect(deadline.suggestion).toContain('2026Q4');
  });

  it('prints a readable verdict, facts and findings with suggestions', async () => {
    const { code, stdout } = await run([], INPUT);
    expect(code).toBe(0);
    expect(stdout).toContain('O  objective_ok');
    expect(stdout).toMatch(/KR activity\s+Conduct 100 stay interviews/);
    expect(stdout).toContain('baseline: no  target: yes  deadline: no  vague: no');
    expect(stdout).toMatch(/warning activity: .*work done/);
    expect(stdout).toContain('→ What should change if "100 stay interviews" pays off');
  });

  it('reads a FILE relative to the working directory', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okrbot-lint-'));
    writeFileSync(path.join(dir, 'krs.txt'), 'Ship dark mode\r\nO: eNPS 40\r\n');
    const { code, stdout } = await run(['--json', 'krs.txt'], '', dir);
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((r) => [r.text, r.verdict])).toEqual([
      ['Ship dark mode', 'activity'],
      ['eNPS 40', 'objective_bad'],
    ]);
  });

  it.each([
    [['--verbose'], /unknown option '--verbose'/],
    [['a.txt', 'b.txt'], /at most one FILE, got 2/],
    [['does-not-exist.txt'], /cannot read does-not-exist.txt: ENOENT/],
  ])('exits 2 with a one-line message for %j', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv, '');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--help prints usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: okrbot lint [--json] [FILE|-]');
  });

  it('empty input lints nothing and exits 0', async () => {
    const { code, stdout } = await run(['--json'], '\n\n');
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});
