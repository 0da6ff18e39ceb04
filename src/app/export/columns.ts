// The columns of `okrbot export`, per table, in order. These names are a public format: CSV header rows and
// JSON keys come from here, and the README's export section is generated from (and checked against) this file.
// Add columns at the end; never rename or remove one.

/** What a column holds: text, a number (JSON number; CSV digits with a `.`, no thousands separators), an ISO
 * date `YYYY-MM-DD`, or an ISO time in UTC `2026-11-23T01:00:00.000Z`. Empty (CSV) or null (JSON) when unknown. */
export type ColumnKind = 'text' | 'number' | 'date' | 'time';

export interface ExportColumn {
  name: string;
  kind: ColumnKind;
  about: string;
}

const col = (name: string, kind: ColumnKind, about: string): ExportColumn => ({ name, kind, about });

export const EXPORT_TABLES = ['objectives', 'key_results', 'checkins', 'kpi_readings', 'alerts'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export const EXPORT_COLUMNS = {
  objectives: [
    col('objective_id', 'text', 'okrbot id of the objective'),
    col('objective_key', 'text', 'key from the import file; empty for objectives drafted in Slack'),
    col('quarter', 'text', 'quarter, e.g. 2026Q4'),
    col('team_key', 'text', 'team key'),
    col('type', 'text', 'committed, aspirational or cross-team'),
    col('status', 'text', 'draft, planned, active or closed'),
    col('owner_slack_id', 'text', 'Slack user id of the owner'),
    col('owner_name', 'text', 'name of the owner'),
    col('text', 'text', 'the objective'),
    col('created_at', 'time', 'when it was created'),
    col('updated_at', 'time', 'when it last changed'),
    col('closed_at', 'time', 'when it was closed'),
  ],
  key_results: [
    col('key_result_id', 'text', 'okrbot id of the key result'),
    col('key_result_key', 'text', 'key from the import file'),
    col('objective_id', 'text', 'the objective it belongs to (objectives.objective_id)'),
    col('objective_key', 'text', 'key of that objective'),
    col('position', 'number', 'order within the objective, from 0'),
    col('text', 'text', 'the key result'),
    col('owner_slack_id', 'text', 'Slack user id of the owner'),
    col('owner_name', 'text', 'name of the owner'),
    col('baseline', 'number', 'value at the start'),
    col('target', 'number', 'value to reach'),
    col('current', 'number', 'latest value (from check-ins)'),
    col('unit', 'text', 'unit of the values'),
    col('direction', 'text', 'higher_is_better or lower_is_better'),
    col('due_date', 'date', 'deadline'),
    col('kpi_key', 'text', 'the KPI it moves (kpi_readings.kpi_key)'),
  ],
  checkins: [
    col('checkin_id', 'text', 'okrbot id of the check-in'),
    col('round_key', 'date', "the round: local date of the owner's check-in slot"),
    col('key_result_id', 'text', 'key_results.key_result_id'),
    col('key_result_key', 'text', 'key of the key result'),
    col('objective_id', 'text', 'objective of the key result'),
    col('owner_slack_id', 'text', 'Slack user id of who checked in'),
    col('owner_name', 'text', 'name of who checked in'),
    col('value', 'number', 'value reported'),
    col('confidence', 'text', 'on_track, at_risk or off_track'),
    col('changed', 'text', 'what changed'),
    col('blockers', 'text', 'what blocks'),
    col('next_focus', 'text', 'what is next'),
    col('submitted_at', 'time', 'first submitted'),
    col('updated_at', 'time', 'last edited'),
  ],
  kpi_readings: [
    col('kpi_key', 'text', 'KPI key'),
    col('kpi_name', 'text', 'KPI name'),
    col('unit', 'text', 'unit of the value'),
    col('cadence', 'text', 'weekly or monthly'),
    col('period', 'text', 'YYYY-MM (monthly) or YYYY-Www (ISO week)'),
    col('period_start', 'date', 'first day of the period (a Monday for weeks)'),
    col('value', 'number', 'the reading'),
    col('source', 'text', 'where it came from (slash command, API token, CSV import…)'),
    col('recorded_at', 'time', 'when it was stored'),
    col('range_low', 'number', "low end of the KPI's target range (today's definition)"),
    col('range_high', 'number', 'high end of the target range'),
    col('alert_threshold', 'number', 'alert threshold'),
  ],
  alerts: [
    col('alert_id', 'text', 'okrbot id of the alert'),
    col('kpi_key', 'text', 'KPI key'),
    col('kpi_name', 'text', 'KPI name'),
    col('rule', 'text', 'detector rule that fired: out_of_range, threshold, drop_20, …'),
    col('severity', 'text', 'info, warning or critical'),
    col('status', 'text', 'pending, firing, acknowledged, snoozed or resolved'),
    col('detail', 'text', 'what the condition was, in words'),
    col('since_period', 'text', 'first period of the breach'),
    col('last_period', 'text', 'period of the last reading evaluated'),
    col('last_value', 'number', 'value of that reading'),
    col('opened_at', 'time', 'when the alert opened'),
    col('updated_at', 'time', 'when it last changed'),
    col('resolved_at', 'time', 'when it resolved'),
    col('acknowledged_by', 'text', 'Slack user id of who acknowledged it'),
    col('acknowledged_by_name', 'text', 'their name'),
    col('acknowledged_at', 'time', 'when'),
    col('snoozed_by', 'text', 'Slack user id of who snoozed it'),
    col('snoozed_by_name', 'text', 'their name'),
    col('snoozed_until', 'text', 'ISO time the snooze ends, or next_reading'),
    col('snooze_reason', 'text', 'why it was snoozed'),
    col('escalated_at', 'time', 'when it was escalated to the team channel'),
    col('folded_into_key_result_id', 'text', 'key result whose check-in carries it instead of a page'),
  ],
} as const satisfies Record<ExportTable, readonly ExportColumn[]>;

/** The column names of a table, in order: the CSV header row and the JSON keys. */
export function columnNames(table: ExportTable): string[] {
  return EXPORT_COLUMNS[table].map((c) => c.name);
}

/** One exported row: every column of its table, null where there is no value. */
export type ExportRow<T extends ExportTable> = {
  [K in (typeof EXPORT_COLUMNS)[T][number]['name']]: string | number | null;
};

/** The README's description of the columns: a Markdown table per export table, from the constants above. */
export function columnsMarkdown(): string {
  return EXPORT_TABLES.map((table) => {
    const rows = EXPORT_COLUMNS[table].map((c) => `| \`${c.name}\` | ${c.kind} | ${c.about} |`);
    return [
      `**${table}** (\`${table}.csv\`)`,
      '',
      '| Column | Kind | What it is |',
      '|---|---|---|',
      ...rows,
    ].join('\n');
  }).join('\n\n');
}
