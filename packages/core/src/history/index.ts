export { findSearchHistory } from './find-search-history';
export { getDashboard } from './get-dashboard';
export { getGlobalTrends } from './get-global-trends';
export { createSearchHistory, type SearchEntry, type SearchHistory } from './search-history';
