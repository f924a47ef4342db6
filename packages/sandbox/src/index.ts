export {
  type GenerateMarketWorldOptions,
  generateMarketWorld,
  lastWeekStarts,
  type MarketKeyword,
  type MarketWorld,
} from './market/generate-world';
export { createMarket, type Market, type SandboxListing } from './market/market';
export type { Faults } from './server/faults';
export {
  type SandboxServer,
  type SandboxServerOptions,
  startSandboxServer,
} from './server/start-sandbox-server';
