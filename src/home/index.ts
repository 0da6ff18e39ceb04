// The home feature: the Home tab.

export { type RollupResult, rollupFor } from './rollup.js';
export { registerAppHomeOpened } from './slack/listeners/app-home-opened.js';
export { rollupSubcommand } from './slack/listeners/rollup-command.js';
