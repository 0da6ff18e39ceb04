import type { Kysely } from 'kysely';

// Portable types only (text, integer, double precision), so one migration serves SQLite and Postgres.
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('bot_token', 'text')
    .addColumn('bot_user_id', 'text')
    .addColumn('bot_id', 'text')
    .addColumn('default_time_zone', 'text')
    .addColumn('installed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('team_id', 'text', (c) => c.notNull().references('workspaces.team_id'))
    .addColumn('slack_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tz', 'text')
    .addColumn('tz_source', 'text')
    .addColumn('manager_slack_id', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('dm_blocked_reason', 'text')
    .addColumn('dm_channel_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('people_pk', ['team_id', 'slack_id'])
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('team_id', 'text', (c) => c.notNull().references('workspaces.team_id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('lead_slack_id', 'text')
    .addColumn('checkin_day', 'text', (c) => c.notNull().defaultTo('monday'))
    .addColumn('checkin_time', 'text', (c) => c.notNull().defaultTo('10:00'))
    .addColumn('checkin_cadence', 'text', (c) => c.notNull().defaultTo('weekly'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('teams_pk', ['team_id', 'key'])
    .execute();

  await db.schema
    .createTable('objectives')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('workspaces.team_id'))
    .addColumn('key', 'text')
    .addColumn('team_key', 'text')
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('owner_slack_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('objectives_key_uq')
    .on('objectives')
    .columns(['team_id', 'key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('objectives_quarter_ix')
    .on('objectives')
    .columns(['team_id', 'quarter', 'team_key'])
    .execute();

  await db.schema
    .createTable('key_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('objective_id', 'text', (c) => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('key', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_slack_id', 'text', (c) => c.notNull())
    .addColumn('baseline', 'double precision')
    .addColumn('target', 'double precision')
    .addColumn('current', 'double precision')
    .addColumn('unit', 'text')
    .addColumn('direction', 'text')
    .addColumn('due_date', 'text')
    .addColumn('kpi_key', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('key_results_key_uq')
    .on('key_results')
    .columns(['objective_id', 'key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('key_results_owner_ix')
    .on('key_results')
    .columns(['team_id', 'owner_slack_id'])
    .execute();

  await db.schema
    .createTable('checkin_prompts')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('owner_slack_id', 'text', (c) => c.notNull())
    .addColumn('round_key', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('nudged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkin_prompts_pk', ['team_id', 'owner_slack_id', 'round_key'])
    .execute();

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('key_result_id', 'text', (c) => c.notNull().references('key_results.id').onDelete('cascade'))
    .addColumn('owner_slack_id', 'text', (c) => c.notNull())
    .addColumn('round_key', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('confidence', 'text')
    .addColumn('changed', 'text')
    .addColumn('blockers', 'text')
    .addColumn('next_focus', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checkins_round_uq')
    .on('checkins')
    .columns(['key_result_id', 'round_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('kpis')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('workspaces.team_id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('owner_slack_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('team_key', 'text')
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('range_low', 'double precision', (c) => c.notNull())
    .addColumn('range_high', 'double precision', (c) => c.notNull())
    .addColumn('aspirational', 'double precision')
    .addColumn('alert_threshold', 'double precision', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kpis_key_uq').on('kpis').columns(['team_id', 'key']).unique().execute();

  await db.schema
    .createTable('kpi_readings')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('kpi_id', 'text', (c) => c.notNull().references('kpis.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kpi_readings_pk', ['kpi_id', 'period'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('kpi_id', 'text', (c) => c.notNull().references('kpis.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('state_json', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('channel_ts', 'text')
    .addColumn('dm_channel_id', 'text')
    .addColumn('dm_ts', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('snoozed_until', 'text')
    .addColumn('snooze_reason', 'text')
    .addColumn('folded_into_key_result_id', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_kpi_ix').on('alerts').columns(['kpi_id', 'rule', 'status']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('workspaces.team_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('job_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('payload_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('claimed_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result_channel', 'text')
    .addColumn('result_ts', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_ix').on('outbox').columns(['status', 'next_attempt_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'outbox',
    'scheduled_jobs',
    'api_tokens',
    'alerts',
    'kpi_readings',
    'kpis',
    'checkins',
    'checkin_prompts',
    'key_results',
    'objectives',
    'teams',
    'people',
    'workspaces',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
