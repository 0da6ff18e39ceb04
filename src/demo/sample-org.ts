import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { LocalUser } from '../localslack/types.js';

/** The sample organisation's YAML text (the same file the README describes). */
export function sampleOrgText(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // From src/demo (sources) or dist/src/demo (compiled): the YAML stays in src/demo.
  const candidates = [resolve(here, 'sample-org.yaml'), resolve(here, '../../../src/demo/sample-org.yaml')];
  for (const file of candidates) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      // try the next place
    }
  }
  throw new Error('sample-org.yaml not found beside the demo');
}

/** The sample organisation's people as members of the local Slack, with their time zones. */
export function sampleSlackUsers(): LocalUser[] {
  const doc = parse(sampleOrgText()) as { people: Array<{ slack_id: string; name: string; tz?: string }> };
  return doc.people.map((p) => ({
    id: p.slack_id,
    name: p.name.split(' ')[0]!.toLowerCase(),
    realName: p.name,
    tz: p.tz ?? 'UTC',
  }));
}
