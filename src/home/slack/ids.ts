// Slack ids of the Home tab's own buttons and blocks. Its Check in and alert buttons use the checkins and
// kpis features' action ids, so their listeners handle them.
export const HOME_IDS = {
  /** The admin's "Show the roll-up" button. */
  rollupAction: 'home_show_rollup',
  /** The section holding it. */
  rollupBlock: 'home_rollup',
  /** The section holding the Check in button of an open round. */
  roundBlock: 'home_round',
  /** Block id prefix of an open alert's buttons (followed by the alert's id). */
  alertBlockPrefix: 'home_alert:',
} as const;
