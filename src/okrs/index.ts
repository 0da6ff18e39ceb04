// What other features may use of okrs: objectives and key results (store), and the pure rules.
export * from './domain/index.js';
export * from './store.js';
