import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, sharedDir } from '../support/paths.js';

const schema = JSON.parse(
  readFileSync(resolve(sharedDir, 'reference/slack/manifest.schema.1.0.0.json'), 'utf8'),
);
const manifest = parse(readFileSync(resolve(repoRoot, 'manifest/manifest.yml'), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

describe('the Slack app manifest', () => {
  it("is valid against Slack's manifest JSON Schema", () => {
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('would be rejected by the schema if it were broken (the check can fail)', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'okr'; // no leading slash
    delete broken.display_information.name;
    expect(validate(broken)).toBe(false);
  });

  it('installs what okrbot uses: /okr and /kpi, interactivity, the Home tab and app_home_opened', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/okr',
      '/kpi',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    for (const url of [
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ]) {
      expect(new URL(url).pathname).toBe('/slack/events');
    }
  });

  it('asks for the smallest set of bot scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'chat:write',
      'commands',
      'files:write',
      'im:history',
      'im:write',
      'users:read',
    ]);
  });
});
