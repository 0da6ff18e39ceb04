import { describe, expect, it } from 'vitest';
import { ListenerTable } from '../../../src/platform/slack/listener-table.js';

const noop = async () => {};

describe('ListenerTable', () => {
  it('finds the listener for a command, an action, a view submission and an event by exact name', () => {
    const table = new ListenerTable();
    const onOkr = async () => {};
    const onButton = async () => {};
    const onSubmit = async () => {};
    const onHome = async () => {};
    table.listeners.command('/okr', onOkr);
    table.listeners.action('checkin_open', onButton);
    table.listeners.view('checkin_submit', onSubmit);
    table.listeners.event('app_home_opened', onHome);

    expect(table.find({ command: '/okr', text: 'help' })).toBe(onOkr);
    expect(table.find({ type: 'block_actions', actions: [{ action_id: 'checkin_open' }] })).toBe(onButton);
    expect(table.find({ type: 'view_submission', view: { callback_id: 'checkin_submit' } })).toBe(onSubmit);
    expect(table.find({ type: 'event_callback', event: { type: 'app_home_opened' } })).toBe(onHome);
  });

  it('finds nothing for a name nobody registered, a near miss, or a payload of another kind', () => {
    const table = new ListenerTable();
    table.listeners.command('/okr', noop);
    table.listeners.action('checkin_open', noop);
    table.listeners.view('checkin_submit', noop);

    expect(table.find({ command: '/kpi' })).toBeUndefined();
    expect(table.find({ command: '/OKR' })).toBeUndefined();
    expect(table.find({ type: 'block_actions', actions: [{ action_id: 'checkin_open_x' }] })).toBeUndefined();
    expect(table.find({ type: 'block_actions', actions: [] })).toBeUndefined();
    // A view closed is not a submission, as Bolt's app.view(callbackId) does not match it either.
    expect(table.find({ type: 'view_closed', view: { callback_id: 'checkin_submit' } })).toBeUndefined();
    expect(table.find({ type: 'block_actions', view: { callback_id: 'checkin_submit' } })).toBeUndefined();
    expect(table.find({ type: 'event_callback', event: {} })).toBeUndefined();
    expect(table.find({})).toBeUndefined();
  });

  it('looks at the first action, the one Bolt hands its listener', () => {
    const table = new ListenerTable();
    const first = async () => {};
    table.listeners.action('a', first);
    table.listeners.action('b', noop);
    expect(table.find({ type: 'block_actions', actions: [{ action_id: 'a' }, { action_id: 'b' }] })).toBe(
      first,
    );
  });

  it('refuses a second listener for the same name, a pattern instead of a name, and a chain of functions', () => {
    const table = new ListenerTable();
    table.listeners.action('checkin_open', noop);
    expect(() => table.listeners.action('checkin_open', noop)).toThrow(
      /second action listener for checkin_open/,
    );
    expect(() => table.listeners.action(/checkin_.*/, noop)).toThrow(/exact name/);
    expect(() => table.listeners.command('/okr', noop, noop)).toThrow(/one function/);
    // The same name under another kind is another listener.
    expect(() => table.listeners.view('checkin_open', noop)).not.toThrow();
  });
});
