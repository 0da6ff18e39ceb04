// The drafting feature's pure rules: the OKR linter and the draft's blocking problems.
export * from './draft-problems.js';
export * from './finished-words.js';
export * from './lint/index.js';
