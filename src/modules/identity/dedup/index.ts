export * from './comparators.js';
export * from './csv.js';
export * from './febrl.js';
export * from './matcher.js';
export * from './schema.js';
export * from './similarity.js';
