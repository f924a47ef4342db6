import { REASON_PHRASES } from '@digitallz/contracts';
export type KeywordScores = {
  /** 0-100: how hard it is to rank on the first page. */
  difficulty: number;
  /** 0-100: demand not yet served well. */
  opportunity: number;
  /** One line a seller reads first, e.g. "high demand, few strong listings". */
  reason: string;
};

export type ScoreInput = {
  volume: number;
  competition: { score: number; parts: { topStrength: number; listings: number } };
  /** Yearly change of demand in percent, when the series is long enough. */
  yearlyChangePct: number | null;
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * docs/SCORES.md. Difficulty = 100 x (0.6 x top-listing strength + 0.4 x listing pressure).
 * Opportunity = 100 x demand x (1 - 0.75 x difficulty / 100) x growth, where demand is
 * log10(volume) / 5 capped at 1 (100,000 searches a month = 1) and growth is 1 + yearly change / 2
 * held within 0.8-1.2, the result capped at 100.
 */
export function scoreKeyword(input: ScoreInput): KeywordScores {
  const { topStrength, listings } = input.competition.parts;
  const difficulty = Math.round(100 * (0.6 * topStrength + 0.4 * listings));
  const demand = clamp(Math.log10(Math.max(1, input.volume)) / 5, 0, 1);
  const growth = clamp(1 + (input.yearlyChangePct ?? 0) / 200, 0.8, 1.2);
  const opportunity = Math.round(
    clamp(100 * demand * (1 - 0.75 * (difficulty / 100)) * growth, 0, 100),
  );
  return {
    difficulty,
    opportunity,
    reason: reasonFor(demand, topStrength, listings, input.yearlyChangePct),
  };
}

function reasonFor(
  demand: number,
  topStrength: number,
  listings: number,
  yearlyChangePct: number | null,
): string {
  const { demand: D, supply: S, trend: T } = REASON_PHRASES;
  const demandPart = demand >= 0.7 ? D.high : demand >= 0.45 ? D.steady : D.little;
  const supplyPart =
    topStrength < 0.35 && listings < 0.6
      ? S.fewStrong
      : topStrength >= 0.6
        ? S.dominated
        : listings >= 0.75
          ? S.crowded
          : S.someStrong;
  const trendPart =
    yearlyChangePct === null
      ? ''
      : yearlyChangePct >= 20
        ? `, ${T.growing}`
        : yearlyChangePct <= -20
          ? `, ${T.declining}`
          : '';
  return `${demandPart}, ${supplyPart}${trendPart}`;
}
