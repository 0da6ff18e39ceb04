import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { SlackApi } from '../platform/slack/slack-api.js';
import { updatePersonTimeZone } from './store.js';

/**
 * Asks Slack for each person's time zone and stores it (Slack's value wins over the import file's).
 * Best effort: when Slack cannot be reached, the file's values stay and the caller says so.
 */
export async function refreshTimeZones(
  db: Kysely<Database>,
  slack: SlackApi,
  teamId: string,
  slackIds: string[],
  now: Date,
): Promise<{ reached: boolean; checked: number; updated: number; error?: string }> {
  let checked = 0;
  let updated = 0;
  for (const id of slackIds) {
    try {
      const answer = await slack.call('users.info', { user: id });
      checked++;
      const tz = (answer.user as { tz?: string } | undefined)?.tz;
      if (tz) {
        await updatePersonTimeZone(db, teamId, id, tz, now);
        updated++;
      }
    } catch (error) {
      const e = error as { code?: string; data?: { error?: string }; message?: string };
      if (e.code === 'slack_webapi_platform_error') {
        checked++;
        continue; // user_not_found and the like: keep the file's value for this person.
      }
      return { reached: false, checked, updated, error: e.message ?? String(error) };
    }
  }
  return { reached: true, checked, updated };
}
