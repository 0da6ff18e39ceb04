// The home feature: the Home tab.
export { registerAppHomeOpened } from './slack/listeners/app-home-opened.js';
