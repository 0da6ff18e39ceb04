import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/demo/run-demo.js';

describe('okrbot demo', () => {
  it('plays the week against the local Slack and prints what people see', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += d));
    const code = await runDemo({
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      cwd: process.cwd(),
    });
    expect(code).toBe(0);
    expect(out).toContain('people: 5 created');
    expect(out).toContain('Mina Park');
    expect(out).toContain('/okr draft');
    expect(out).toContain('End of the demo');
  }, 60_000);
});
