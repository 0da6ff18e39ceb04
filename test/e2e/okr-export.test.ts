// `/okr export [QUARTER]` through the local Slack: an admin gets the quarter's export in their DM through
// Slack's external file upload; the test downloads the files like a person would, parses them, and every
// number equals what was imported, checked in and read. Anyone else is refused, and nothing is uploaded.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnNames, EXPORT_TABLES, type ExportTable } from '../../src/app/export/columns.js';
import type { LocalFile, LocalMessage } from '../../src/localslack/types.js';
import {
  AT,
  checkTables,
  type KeyResultIds,
  records,
  seedExportFixture,
  type Table,
  typed,
} from '../export/export-fixture.js';
import { dialectsUnderTest } from '../support/databases.js';
import { type Harness, startHarness } from '../support/harness.js';

const SAM = 'U04SAM'; // an admin (OKRBOT_ADMINS)
const JOON = 'U02JOON'; // the talent team's lead, not an admin
const text = (body: unknown) => JSON.stringify(body);

describe.each(dialectsUnderTest())(
  '/okr export: the quarter in the admin’s DM, through Slack’s file upload (%s)',
  (dialect) => {
    let h: Harness;
    let kr: KeyResultIds;

    beforeAll(async () => {
      h = await startHarness({ dialect, now: AT, config: { adminIds: [SAM] } });
      await h.importSample();
      kr = await seedExportFixture(h.db, h.teamId);
      h.clock.set('2026-12-01T09:00:00Z');
    });
    afterAll(async () => {
      await h?.slack.waitForIdle();
      await h?.stop();
    });

    const okr = (userId: string, args: string, channelId = 'C0PEOPLE') =>
      h.client.slashCommand({ command: '/okr', text: args, userId, channelId });
    const fileMessages = (user: string): LocalMessage[] =>
      h.slack.messages(user).filter((m) => (m.files ?? []).length > 0);
    const exportsAudited = async () =>
      (await h.db.selectFrom('audit_events').select('actor').where('action', '=', 'export').execute()).length;

    async function download(file: LocalFile): Promise<Uint8Array> {
      const res = await fetch(file.url_private_download, {
        headers: { authorization: `Bearer ${h.slack.botToken}` },
      });
      expect(res.status).toBe(200);
      return new Uint8Array(await res.arrayBuffer());
    }

    /** The reading logged through Slack in the first test, checked on its own, then left out for checkTables. */
    function withoutSlackReading(tables: Record<ExportTable, Table>): Record<ExportTable, Table> {
      const logged = tables.kpi_readings.filter((r) => r.source === `slack:${SAM}`);
      expect(logged).toEqual([
        expect.objectContaining({ kpi_key: 'retention-90', period: '2026-11', value: 92.5, range_low: 85 }),
      ]);
      return { ...tables, kpi_readings: tables.kpi_readings.filter((r) => r.source !== `slack:${SAM}`) };
    }

    it('sends an admin a zip of the CSV files and the JSON document; every number is what went in', async () => {
      const logged = await h.client.slashCommand({
        command: '/kpi',
        text: 'log retention-90 92.5 2026-11-15',
        userId: SAM,
        channelId: 'C0PEOPLE',
      });
      expect(text(logged.body)).toContain('Recorded');
      await h.slack.waitForIdle();
      h.slack.clearCalls();

      const ack = await okr(SAM, 'export 2026Q4');
      expect(ack.status).toBe(200);
      expect(text(ack.body)).toContain('Exporting 2026Q4');
      const complete = await h.slack.waitFor((c) => c.method === 'files.completeUploadExternal');
      expect(complete.response.ok).toBe(true);

      const asked = h.slack.callsTo('files.getUploadURLExternal');
      expect(asked.map((c) => c.args.filename)).toEqual([
        'okrbot-export-2026Q4.zip',
        'okrbot-export-2026Q4.json',
      ]);
      expect(h.slack.callsTo('file_upload').map((c) => c.status)).toEqual([200, 200]);
      expect(complete.args.channel_id).toBe(h.slack.dmChannelOf(SAM));
      expect(String(complete.args.initial_comment)).toContain(
        '2 objectives, 4 key results, 4 check-ins, 6 KPI readings, 2 alerts',
      );

      const [message] = fileMessages(SAM);
      expect(message?.files?.map((f) => f.name)).toEqual([
        'okrbot-export-2026Q4.zip',
        'okrbot-export-2026Q4.json',
      ]);
      const [zipFile, jsonFile] = message?.files ?? [];
      const zipBytes = await download(zipFile as LocalFile);
      expect(zipBytes.length).toBe(Number(asked[0]?.args.length));

      const csvs = unzipSync(zipBytes);
      expect(Object.keys(csvs).sort()).toEqual(EXPORT_TABLES.map((t) => `${t}.csv`).sort());
      const fromCsv = {} as Record<ExportTable, Table>;
      for (const table of EXPORT_TABLES) {
        const { header, rows } = records(strFromU8(csvs[`${table}.csv`] as Uint8Array));
        expect(header).toEqual(columnNames(table));
        fromCsv[table] = typed(table, rows);
      }
      checkTables(withoutSlackReading(fromCsv), kr);

      const jsonBytes = await download(jsonFile as LocalFile);
      expect(jsonBytes.length).toBe(Number(asked[1]?.args.length));
      const doc = JSON.parse(strFromU8(jsonBytes)) as Record<string, unknown>;
      expect(doc.quarter).toBe('2026Q4');
      expect(doc.workspace).toEqual({ team_id: h.teamId, name: 'Acme People' });
      checkTables(withoutSlackReading(doc as unknown as Record<ExportTable, Table>), kr);
      expect(await exportsAudited()).toBe(1);
    });

    it('is in /okr help, which says what it sends', async () => {
      const help = text((await okr(JOON, 'help')).body);
      expect(help).toContain('/okr export [QUARTER]');
      expect(help).toContain('a zip of CSV files and a JSON document');
    });

    it('refuses anyone who is not an admin in one line, and uploads nothing', async () => {
      await h.slack.waitForIdle();
      h.slack.clearCalls();
      const before = await exportsAudited();
      const res = await okr(JOON, 'export 2026Q4', 'C0TALENT');
      expect(res.body).toEqual({
        response_type: 'ephemeral',
        text: 'Only an admin can export the workspace.',
      });
      await h.slack.waitForIdle();
      expect(h.slack.calls.filter((c) => c.method.startsWith('file'))).toEqual([]);
      expect(h.slack.callsTo('conversations.open')).toEqual([]);
      expect(fileMessages(JOON)).toEqual([]);
      expect(await exportsAudited()).toBe(before);
    });

    it('says what is wrong with a quarter it cannot read, and sends nothing', async () => {
      h.slack.clearCalls();
      const res = await okr(SAM, 'export 2026Q5');
      expect(text(res.body)).toContain('`2026Q5` is not a quarter');
      const two = await okr(SAM, 'export 2026Q3 2026Q4');
      expect(text(two.body)).toContain('Give one quarter');
      await h.slack.waitForIdle();
      expect(h.slack.calls.filter((c) => c.method.startsWith('file'))).toEqual([]);
    });

    it('tells the admin in plain words when Slack refuses the upload, and shares nothing', async () => {
      const scopes = h.slack.scopes;
      h.slack.scopes = scopes.filter((s) => s !== 'files:write');
      try {
        const shared = fileMessages(SAM).length;
        const before = await exportsAudited();
        h.slack.clearCalls();
        await okr(SAM, 'export');
        const reply = await h.slack.waitFor((c) => c.method === 'response_url');
        expect(String(reply.args.text)).toContain('I could not send the export, and nothing was shared');
        expect(String(reply.args.text)).toContain('files:write');
        expect(h.slack.callsTo('files.getUploadURLExternal')[0]?.response.error).toBe('missing_scope');
        expect(fileMessages(SAM)).toHaveLength(shared);
        expect(await exportsAudited()).toBe(before);
      } finally {
        h.slack.scopes = scopes;
      }
    });
  },
);
