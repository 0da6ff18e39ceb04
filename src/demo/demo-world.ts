import type { Kysely } from 'kysely';
import type { RunningOkrbot } from '../app/start-okrbot.js';
import type { LocalSlack } from '../localslack/local-slack.js';
import type { SignedClient } from '../localslack/signed-client.js';
import type { Database } from '../platform/db/schema.js';

export interface DemoWorld {
  bot: RunningOkrbot;
  slack: LocalSlack;
  client: SignedClient;
  clock: { at: Date };
  db: Kysely<Database>;
  teamId: string;
}

export interface DemoScene {
  title: string;
  play(world: DemoWorld): Promise<void>;
}
