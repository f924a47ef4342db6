export { amazonMarketplace } from './amazon/client';
export {
  type ExpandedKeyword,
  type ExpansionResult,
  expandSuggestions,
  type SuggestionObservation,
} from './expand-suggestions';
export { parseRetryAfter } from './http';
export { COLLECTORS } from './registry';
export type * from './types';
