export * from './accounts';
export * from './api-keys';
export * from './audit';
export * from './batches';
export * from './billing';
export * from './cache';
export * from './collection';
export { getCollection, requestCollection } from './collection/request-collection';
export * from './collectors';
export { defaultDataDir, workspaceRoot } from './config/data-dir';
export { ensureLocalSecrets, type LocalSecrets } from './config/local-secrets';
export { ConfigError, parseEnv } from './config/parse-env';
export { runMain } from './config/run-main';
export * from './crypto';
export {
  type CollectDemoOptions,
  type CollectDemoResult,
  collectDemo,
} from './demo/collect-demo';
export { type SeedDemoOptions, type SeedDemoResult, seedDemo } from './demo/seed-demo';
export * from './errors';
export { summarizeError } from './errors-summary';
export * from './estimates';
export { EXPORT_CONTENT_TYPES, writeKeywordExport } from './exports/write-keyword-export';
export * from './history';
export * from './imports';
export * from './intelligence';
export * from './jobs';
export { comparePlatforms } from './keywords/compare-platforms';
export {
  bumpDataVersion,
  bumpKeywordVersions,
  dataVersion,
  keywordVersion,
} from './keywords/data-version';
export { exportSearchKeywords, findKeywords } from './keywords/find-keywords';
export { exportPopularKeywords, findPopularKeywords } from './keywords/find-popular-keywords';
export { findRelatedKeywords } from './keywords/find-related-keywords';
export { findSuggestions } from './keywords/find-suggestions';
export { getKeyword } from './keywords/get-keyword';
export { getKeywordCompetition } from './keywords/get-keyword-competition';
export { getKeywordTrends } from './keywords/get-keyword-trends';
export { getListingHelp } from './keywords/get-listing-help';
export { normalizeKeyword } from './keywords/normalize-keyword';
export { type SearchKeywordsDeps, searchKeywords } from './keywords/search-keywords';
export * from './lists';
export * from './mail';
export { purgeExpiredCache } from './maintenance/purge-expired-cache';
export * from './notifications';
export * from './oauth';
export {
  createErrorReporter,
  type ErrorContext,
  type ErrorReporter,
} from './observability/error-reporter';
export {
  injectTraceContext,
  SpanStatusCode,
  startServerSpan,
  startTracing,
  type Tracing,
  traceContext,
  traceIds,
  tracingActive,
} from './observability/tracing';
export * from './quotas';
export * from './tracking';
