import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';

describe('okrbot demo', () => {
  it('plays the week against the local Slack and prints what people see', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += d));
    const started = Date.now();
    const code = await runDemo({
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(out).toContain('people: 5 created');
    expect(out).toContain('Mina Park');
    expect(out).toContain('/okr draft');
    // New York's prompt at Dana's own 10:00, with the time she reads in her zone.
    const dana = out.slice(out.indexOf('━━ Monday 10:00 in New York'));
    expect(dana.slice(0, dana.indexOf('\n━━', 1))).toMatch(
      /→ DM to Dana Ortiz \(U03DANA\):\n {4}Time for your check-in, Dana \(Mon 23 Nov\)/,
    );
    expect(dana).toContain('from 78% → now 78% → target 90%');
    expect(dana).toContain('Answers are open until Mon 30 Nov, 10:00.');
    // The one reminder, then each team's digest.
    expect(out).toContain(
      'Reminder: your check-in for Mon 23 Nov is still open (1 key result, under a minute)',
    );
    expect(out).toContain('Check-in digest for Mon 23 Nov · Talent Acquisition');
    expect(out).toContain('Check-in digest for Mon 23 Nov · People Operations');
    expect(out).toContain('No answer: @Dana Ortiz');
    // /kpi list and /okr list, as the person who typed them sees them.
    expect(out).toContain('← Priya Nair (U05PRIYA): /kpi list');
    expect(out).toMatch(
      /\/kpi list\n→ reply only visible to Priya Nair[^\n]*\n {4}Your KPIs \(1\)[\s\S]*HR request SLA compliance/,
    );
    expect(out).toContain('← Sam Okafor (U04SAM): /okr list');
    expect(out).toMatch(
      /\/okr list\n→ reply only visible to Sam Okafor[^\n]*\n {4}# People Operations: 2026Q4/,
    );
    expect(out).toContain('(from 3.3 → now 3.3 → target 4 points)');
    // The week ends with a close of the sample quarter: each team's report, as its channel shows it.
    const close = out.slice(out.indexOf('━━ End of the week: Joon closes 2026Q4'));
    expect(close).toContain('← Joon Lee (U02JOON): /okr close-quarter 2026Q4');
    expect(close).toMatch(
      /→ #talent \(C0TALENT\):\n {4}# 2026Q4 closed · Talent Acquisition\n[\s\S]*Committed · score 0\.38 · [^\n]*shortfall/,
    );
    expect(close).toContain(
      '• Reduce engineering time-to-hire from 52 to 30 days by end of Q4: 52 days → 41 days (target 30 days)',
    );
    expect(close).toContain('time-to-hire is watched for the next two quarters');
    expect(close).toContain('[ Carry over to 2027Q1 ]');
    expect(close).toMatch(/→ DM to Joon Lee \(U02JOON\):\n[^\n]*closed at 0\.38 of the 1\.0 committed/);
    expect(close).toMatch(
      /→ #people-ops \(C0PEOPLE\):\n {4}# 2026Q4 closed · People Operations\n[\s\S]*Aspirational · score/,
    );
    expect(close).toContain('0.7 or more is success for an aspirational OKR');
    expect(close.indexOf('# 2026Q4 closed')).toBeLessThan(close.indexOf('End of the demo'));
    expect(out).toContain('End of the demo');
  }, 60_000);
});
