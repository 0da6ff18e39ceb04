import { describe, expect, it } from 'vitest';
import type { AlertState } from '../../src/kpis/domain/types.js';
import {
  type AlertGroupView,
  alertChannelMessage,
  alertDmMessage,
  alertEscalationMessage,
  DM_FULL_GROUPS,
} from '../../src/kpis/slack/views/kpi-alert-message.js';
import { kpiModalView } from '../../src/kpis/slack/views/kpi-modal.js';
import { kpiSnoozeModalView } from '../../src/kpis/slack/views/kpi-snooze-modal.js';
import { type KpiStatusView, kpiListMessage, kpiShowMessage } from '../../src/kpis/slack/views/kpi-status.js';
import { validateBlocks, validateView } from '../../src/localslack/block-kit-limits.js';

const state = (over: Partial<AlertState> = {}): AlertState => ({
  rule: 'threshold',
  status: 'firing',
  severity: 'critical',
  since: '2026-W47',
  lastPeriod: '2026-W47',
  lastValue: 88,
  detail: '88% in 2026-W47 is past the alert threshold 90%',
  firstFiredAt: '2026-11-23T08:00:00.000Z',
  ...over,
});

function group(i: number, over: Partial<AlertGroupView> = {}): AlertGroupView {
  const s = state();
  return {
    primaryId: `alert_${i}`,
    kpi: {
      key: `kpi-${i}`,
      name: `KPI <${i}> & co`,
      unit: '%',
      direction: 'higher_is_better',
      range: [95, 100],
      alertThreshold: 90,
      protocol: `Triage <the queue> & escalate ${'x'.repeat(40)}`,
      ownerId: 'U05PRIYA',
    },
    alerts: [{ id: `alert_${i}`, rule: s.rule, status: s.status, severity: s.severity, state: s }],
    latest: { period: '2026-W47', value: 88 },
    trend: '▇▇▁',
    ...over,
  };
}

describe('alert messages', () => {
  it('show value, range, trend, layer and protocol, escaped, within Block Kit limits, with the buttons', () => {
    const msg = alertChannelMessage(group(1));
    expect(validateBlocks(msg.blocks, 'message')).toEqual([]);
    const shown = JSON.stringify(msg.blocks);
    expect(shown).toContain('*88%* in 2026-W47');
    expect(shown).toContain('target range 95–100%');
    expect(shown).toContain('Trend: `▇▇▁`');
    expect(shown).toContain('business bounds: alert threshold');
    expect(shown).toContain('Triage &lt;the queue&gt; &amp; escalate');
    expect(shown).toContain('KPI &lt;1&gt; &amp; co');
    expect(shown).toContain('"action_id":"kpi_alert_ack"');
    expect(shown).toContain('"action_id":"kpi_alert_snooze"');
    expect(shown).not.toContain('kpi_alert_draft_okr');
    // The notification text is escaped like the blocks: a KPI name cannot mention or link anyone.
    expect(msg.text).toBe('KPI &lt;1&gt; &amp; co: 88% in 2026-W47 is past the alert threshold 90%');
  });

  it('offer "Draft an OKR" for a candidate, and hide Acknowledge once acknowledged', () => {
    const acked = state({
      status: 'acknowledged',
      acknowledgedBy: 'U05PRIYA',
      acknowledgedAt: '2026-11-24T09:00:00.000Z',
    });
    const candidate = state({
      rule: 'okr_candidate',
      severity: 'info',
      detail: 'worse than the target range for 3 periods in a row',
    });
    const msg = alertChannelMessage(
      group(2, {
        alerts: [
          { id: 'alert_2', rule: 'threshold', status: 'acknowledged', severity: 'critical', state: acked },
          { id: 'alert_3', rule: 'okr_candidate', status: 'firing', severity: 'info', state: candidate },
        ],
        draft: 'Increase KPI from 86% to 95–100% by 2027-03-31',
      }),
    );
    expect(validateBlocks(msg.blocks, 'message')).toEqual([]);
    const shown = JSON.stringify(msg.blocks);
    expect(shown).toContain('acknowledged by <@U05PRIYA> on 2026-11-24 09:00 UTC');
    expect(shown).not.toContain('kpi_alert_ack');
    expect(shown).toContain('"action_id":"kpi_alert_draft_okr"');
    expect(shown).toContain('*Draft key result:* Increase KPI from 86% to 95–100% by 2027-03-31');
  });

  it('a resolved alert has no buttons and says it is back in range', () => {
    const s = state({ status: 'resolved', resolvedAt: '2026-12-14T08:00:00.000Z' });
    const msg = alertChannelMessage(
      group(4, {
        alerts: [{ id: 'alert_4', rule: 'threshold', status: 'resolved', severity: 'critical', state: s }],
        latest: { period: '2026-W50', value: 99 },
      }),
    );
    expect(validateBlocks(msg.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(msg.blocks)).not.toContain('"type":"actions"');
    expect(msg.text).toBe('Resolved: KPI &lt;4&gt; &amp; co is back in range');
  });

  it('one DM lists many KPIs within 50 blocks, the ones beyond the first few by name', () => {
    const groups = Array.from({ length: 20 }, (_, i) => group(i));
    const msg = alertDmMessage(groups);
    expect(validateBlocks(msg.blocks, 'message')).toEqual([]);
    expect(msg.text.startsWith('20 KPI alerts: ')).toBe(true);
    const shown = JSON.stringify(msg.blocks);
    expect(shown).toContain(`*${20 - DM_FULL_GROUPS} more*`);
    expect(shown.match(/"action_id":"kpi_alert_ack"/g)).toHaveLength(DM_FULL_GROUPS);
  });

  it('the escalation names the owner and the unacknowledged days', () => {
    const msg = alertEscalationMessage(group(5), 3);
    expect(validateBlocks(msg.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(msg.blocks)).toContain('unacknowledged for 3 days or more. Owner <@U05PRIYA>');
  });
});

describe('KPI modals and command answers', () => {
  it('the add and edit modals are valid views', () => {
    const teams = [{ key: 'talent', name: 'Talent Acquisition' }];
    const keyResults = Array.from({ length: 120 }, (_, i) => ({
      id: `kr_${i}`,
      text: `Key result ${i} ${'long '.repeat(30)}`,
    }));
    const add = kpiModalView({
      mode: 'add',
      values: { owner: 'U01MINA', channel: 'C0TALENT' },
      teams,
      keyResults,
    });
    expect(validateView(add)).toEqual([]);
    const edit = kpiModalView({
      mode: 'edit',
      values: {
        key: 'time-to-hire',
        name: 'Time to hire',
        direction: 'lower_is_better',
        cadence: 'monthly',
        owner: 'U01MINA',
        rangeLow: 28,
        rangeHigh: 45,
        alertThreshold: 52,
        protocol: 'p',
        team: 'talent',
        keyResults: ['kr_3'],
      },
      teams,
      keyResults,
    });
    expect(validateView(edit)).toEqual([]);
    expect(JSON.stringify(edit.blocks)).not.toContain('"block_id":"kpi_key"');
    expect(JSON.stringify(edit)).toContain('"initial_value":"52"');
  });

  it('the snooze modal is valid and carries the alert', () => {
    const view = kpiSnoozeModalView({
      kpiName: 'HR SLA',
      detail: '88% <bad>',
      meta: { a: 'alert_1', m: 'dm', c: 'D1', t: '1.2' },
    });
    expect(validateView(view)).toEqual([]);
    expect(JSON.parse(view.private_metadata ?? '{}')).toEqual({ a: 'alert_1', m: 'dm', c: 'D1', t: '1.2' });
  });

  it('/kpi list and /kpi show render within limits', () => {
    const k: KpiStatusView = {
      key: 'hr-sla',
      name: 'HR SLA',
      unit: '%',
      direction: 'higher_is_better',
      cadence: 'weekly',
      range: [95, 100],
      alertThreshold: 90,
      aspirational: 99,
      ownerId: 'U05PRIYA',
      channelId: 'C0PEOPLE',
      team: 'people-ops',
      protocol: 'Triage',
      readings: [
        { period: '2026-W46', value: 96 },
        { period: '2026-W47', value: 88 },
      ],
      trend: '█▁',
      alerts: [state()],
    };
    const many = Array.from({ length: 60 }, (_, i) => ({ ...k, key: `k-${i}` }));
    expect(validateBlocks(kpiListMessage(many).blocks, 'message')).toEqual([]);
    const show = kpiShowMessage(k);
    expect(validateBlocks(show.blocks, 'message')).toEqual([]);
    expect(JSON.stringify(show.blocks)).toContain('2026-W46: 96% · 2026-W47: 88%');
    expect(
      kpiListMessage([{ ...k, alerts: [], readings: [{ period: '2026-W47', value: 97 }] }]).text,
    ).toContain('HR SLA');
    expect(
      JSON.stringify(
        kpiListMessage([{ ...k, alerts: [], readings: [{ period: '2026-W47', value: 97 }] }]).blocks,
      ),
    ).toContain('in range');
  });
});
