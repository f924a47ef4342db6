import type { Platform } from '@digitallz/contracts';
import baselines from './cpc-baselines.json' with { type: 'json' };

export type CpcEstimate = {
  cpc: number;
  low: number;
  high: number;
  source: 'ads-api' | 'model';
  currency: string;
  explanation: string;
};

export type CpcInput = {
  platform: Platform;
  competition: number;
  /** Suggested bid from the platform's ads API, when the user connected it. */
  bid?: { suggested: number; low: number | null; high: number | null; currency: string } | null;
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Cost per click: the ads API's suggested bid where there is one, else the platform's base bid
 * scaled by competition (advertisers bid up where listings crowd), with the spread bids show.
 */
export function estimateCpc(input: CpcInput): CpcEstimate {
  if (input.bid) {
    return {
      cpc: round2(input.bid.suggested),
      low: round2(input.bid.low ?? input.bid.suggested),
      high: round2(input.bid.high ?? input.bid.suggested),
      source: 'ads-api',
      currency: input.bid.currency,
      explanation: `Suggested bid from the ${input.platform} ads API.`,
    };
  }
  const base = baselines[input.platform];
  const cpc = Math.max(0.05, base.base * (0.3 + 1.6 * input.competition));
  return {
    cpc: round2(cpc),
    low: round2(Math.max(0.02, cpc * base.lowFactor)),
    high: round2(cpc * base.highFactor),
    source: 'model',
    currency: 'USD',
    explanation: `Estimated from ${input.platform}'s typical bid and this keyword's competition; connect an ads account for the platform's own suggestion.`,
  };
}
