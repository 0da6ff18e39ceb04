import { z } from 'zod';
import { isValidTimeZone } from '../../platform/config.js';

// The setup file HR admins write (YAML or JSON). Field names are a public format: keep them as they are.

const slackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id like U01MINA');
const slackChannelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id like C0TALENT');
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a slug: lowercase letters, digits, - or _');
const nonEmpty = z.string().trim().min(1, 'must not be empty');
const weekday = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .pipe(
    z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'], {
      error: 'must be one of monday, tuesday, wednesday, thursday, friday, saturday or sunday',
    }),
  );

export const personSchema = z.strictObject({
  slack_id: slackUserId,
  name: nonEmpty,
  tz: z.string().refine(isValidTimeZone, 'is not an IANA time zone like Asia/Seoul').optional(),
  manager: slackUserId.optional(),
  email: z.string().optional(),
});

export const checkinScheduleSchema = z.strictObject({
  day: weekday.default('monday'),
  time: z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be a time like "10:00"')
    .transform((t) => t.padStart(5, '0'))
    .default('10:00'),
  cadence: z.enum(['weekly', 'biweekly'], { error: 'must be weekly or biweekly' }).default('weekly'),
});

export const teamSchema = z.strictObject({
  key: slug,
  name: nonEmpty,
  channel: slackChannelId.optional(),
  lead: slackUserId.optional(),
  checkin: checkinScheduleSchema.default({ day: 'monday', time: '10:00', cadence: 'weekly' }),
  /** Where the quarter report goes: the team's channel (default) or its lead alone, by DM. */
  report: z
    .enum(['channel', 'lead'], { error: 'must be channel or lead (where the quarter report goes)' })
    .default('channel'),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');

export const keyResultSchema = z.strictObject({
  key: slug,
  text: nonEmpty.max(3000, 'must be at most 3000 characters'),
  owner: slackUserId,
  baseline: z.number().finite().optional(),
  target: z.number().finite().optional(),
  current: z.number().finite().optional(),
  unit: z.string().max(40).optional(),
  due: isoDate.optional(),
  kpi: slug.optional(),
});

export const objectiveSchema = z.strictObject({
  key: slug,
  team: slug,
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, 'must be a quarter like 2026Q4'),
  type: z.enum(['committed', 'aspirational', 'cross-team'], {
    error: 'must be one of committed, aspirational or cross-team',
  }),
  owner: slackUserId,
  text: nonEmpty.max(3000, 'must be at most 3000 characters'),
  status: z
    .enum(['draft', 'planned', 'active', 'closed'], {
      error: 'must be one of draft, planned, active or closed',
    })
    .default('active'),
  key_results: z.array(keyResultSchema).default([]),
});

export const kpiSchema = z.strictObject({
  key: slug,
  name: nonEmpty,
  unit: z.string().max(40).optional(),
  direction: z.enum(['lower_is_better', 'higher_is_better'], {
    error: 'must be one of lower_is_better or higher_is_better',
  }),
  owner: slackUserId,
  channel: slackChannelId.optional(),
  team: slug.optional(),
  cadence: z.enum(['weekly', 'monthly'], { error: 'must be one of weekly or monthly' }),
  range: z.tuple([z.number().finite(), z.number().finite()]),
  aspirational: z.number().finite().optional(),
  alert_threshold: z.number().finite(),
  protocol: nonEmpty,
});

export const importFileSchema = z.strictObject({
  /** Slack ids of the workspace's admins (each listed under people); a re-import without one takes it away. */
  admins: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'must be a Slack user id like U01ABCDEF')).optional(),
  people: z.array(personSchema).default([]),
  teams: z.array(teamSchema).default([]),
  objectives: z.array(objectiveSchema).default([]),
  kpis: z.array(kpiSchema).default([]),
});

export type ImportFile = z.infer<typeof importFileSchema>;
export type ImportPerson = z.infer<typeof personSchema>;
export type ImportTeam = z.infer<typeof teamSchema>;
export type ImportObjective = z.infer<typeof objectiveSchema>;
export type ImportKpi = z.infer<typeof kpiSchema>;
export type ImportKeyResult = z.infer<typeof keyResultSchema>;
