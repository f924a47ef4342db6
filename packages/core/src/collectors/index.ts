export { amazonMarketplace } from './amazon/client';
export { parseRetryAfter } from './http';
export { COLLECTORS } from './registry';
export type * from './types';
