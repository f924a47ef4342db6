export * from './cache';
export * from './collection';
export * from './collectors';
export { type SeedDemoOptions, type SeedDemoResult, seedDemo } from './demo/seed-demo';
export * from './errors';
export * from './jobs';
export { findKeywords } from './keywords/find-keywords';
export { normalizeKeyword } from './keywords/normalize-keyword';
export { purgeExpiredCache } from './maintenance/purge-expired-cache';
