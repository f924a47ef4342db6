export {
  checkWorldSize,
  type GenerateMarketWorldOptions,
  generateMarketWorld,
  LARGE_WORLD_FROM,
  lastWeekStarts,
  MAX_OBJECT_WORLD_KEYWORDS,
  MAX_WORLD_KEYWORDS,
  type MarketKeyword,
  type MarketWorld,
} from './market/generate-world';
export { createMarket, type Market, type SandboxListing } from './market/market';
export { type Faults, FaultsSchema } from './server/faults';
export {
  type SandboxServer,
  type SandboxServerOptions,
  startSandboxServer,
} from './server/start-sandbox-server';
