// What other features may use of people: workspaces, people and teams, and the time-zone refresh.

export * from './domain/permissions.js';
export * from './import/import-format.js';
export * from './import/parse-import-file.js';
export * from './refresh-time-zones.js';
export { actorFor } from './roles.js';
export * from './store.js';
