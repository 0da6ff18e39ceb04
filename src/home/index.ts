// The home feature: the Home tab, its refresh, and HR's roll-up.

export { HomeRefresher, type HomeRefresherOptions } from './home-refresher.js';
export { refreshHomes } from './publish-home.js';
export { type RollupResult, rollupFor } from './rollup.js';
export { registerHomeListeners } from './slack/listeners/index.js';
export {
  directMessageRecipientsSince,
  homeAudience,
  kpiOwnersWithReadingsSince,
} from './store/home-views.js';
