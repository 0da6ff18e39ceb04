// The okrs feature's pure rules that other features may use: progress, scoring, measures, quarters.

export * from './close/index.js';
export * from './extract-measures.js';
export * from './measure.js';
export * from './progress/index.js';
export * from './quarter.js';
