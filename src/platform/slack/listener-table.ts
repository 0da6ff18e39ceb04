import type { AnyMiddlewareArgs, App, Middleware } from '@slack/bolt';

/**
 * Where features register their Slack listeners: Bolt's own `command`, `action`, `view` and `event`, by exact
 * name (a command, an action_id, a view's callback_id, an event type).
 */
export type SlackListeners = Pick<App, 'command' | 'action' | 'view' | 'event'>;

type Kind = 'command' | 'action' | 'view' | 'event';
type Listener = Middleware<AnyMiddlewareArgs>;

/**
 * A table of listeners looked up by name, installed in Bolt as one middleware. Bolt runs every registered
 * listener's matching chain for every request (a promise chain per listener): with two dozen listeners that
 * is most of what an ack costs. Here a request finds its listener with one map lookup.
 *
 * What Bolt's string constraints match is kept: a command by its name, an action (block_actions) by its
 * action_id, a view submission by its callback_id, an event by its type. A name registers once: a second
 * listener for the same name is a mistake, refused when it is registered. A payload with no listener here
 * goes on to Bolt (which then finds none, as before).
 */
export class ListenerTable {
  private readonly tables: Record<Kind, Map<string, Listener>> = {
    command: new Map(),
    action: new Map(),
    view: new Map(),
    event: new Map(),
  };

  /** The registry features are given: Bolt's signatures, so listeners keep Bolt's types. */
  readonly listeners: SlackListeners = {
    command: (name: unknown, ...fns: Listener[]) => this.add('command', name, fns),
    action: (id: unknown, ...fns: Listener[]) => this.add('action', id, fns),
    view: (id: unknown, ...fns: Listener[]) => this.add('view', id, fns),
    event: (type: unknown, ...fns: Listener[]) => this.add('event', type, fns),
  } as unknown as SlackListeners;

  /** Installs the table in `app` as a middleware: register it after every other middleware. */
  install(app: App): void {
    app.use(async (args) => {
      const listener = this.find(args.body);
      if (!listener) {
        await args.next();
        return;
      }
      await listener({ ...args, next: async () => {} } as Parameters<Listener>[0]);
    });
  }

  /** The listener for a payload, if one is registered. */
  find(body: unknown): Listener | undefined {
    const b = body as {
      type?: string;
      command?: string;
      actions?: Array<{ action_id?: string }>;
      view?: { callback_id?: string };
      event?: { type?: string };
    };
    if (typeof b.command === 'string') return this.tables.command.get(b.command);
    if (b.type === 'block_actions') {
      // Bolt hands a listener the first action; the table looks up the same one.
      const id = b.actions?.[0]?.action_id;
      return typeof id === 'string' ? this.tables.action.get(id) : undefined;
    }
    if (b.type === 'view_submission') {
      const id = b.view?.callback_id;
      return typeof id === 'string' ? this.tables.view.get(id) : undefined;
    }
    if (b.type === 'event_callback') {
      const type = b.event?.type;
      return typeof type === 'string' ? this.tables.event.get(type) : undefined;
    }
    return undefined;
  }

  private add(kind: Kind, name: unknown, fns: Listener[]): void {
    if (typeof name !== 'string')
      throw new Error(`a ${kind} listener is registered by its exact name (a string), not ${String(name)}`);
    if (fns.length !== 1) throw new Error(`the ${kind} listener for ${name} takes one function`);
    if (this.tables[kind].has(name)) throw new Error(`a second ${kind} listener for ${name}`);
    this.tables[kind].set(name, fns[0] as Listener);
  }
}
