import { REASON_PHRASES, type Trend } from '@digitallz/contracts';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };
import { describeTrend, translateReason } from './explain';

/** A `t` over one language's keyword messages, with ICU-style {placeholders}. */
function translator(messages: { keyword: object }) {
  return (key: string, values: Record<string, string | number> = {}) => {
    const text = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages.keyword);
    if (typeof text !== 'string') throw new Error(`no message keyword.${key}`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
  };
}

const trend = (over: Partial<Trend>): Trend => ({
  direction: 'flat',
  yearlyChangePct: 0,
  yearlyChangeKnown: true,
  strength: 0,
  seasonality: null,
  trendingNow: { trending: false, recentGrowthPct: 0 },
  explanation: 'in English',
  ...over,
});
const months = (m: number) =>
  [
    'janv.',
    'févr.',
    'mars',
    'avr.',
    'mai',
    'juin',
    'juil.',
    'août',
    'sept.',
    'oct.',
    'nov.',
    'déc.',
  ][m - 1] as string;
const percent = (v: number) => `${Math.round(v * 100)} %`;

describe('explanations in the reader language', () => {
  it('translates every phrase a reason can hold, in both languages', () => {
    for (const messages of [en, fr])
      for (const phrases of Object.values(REASON_PHRASES))
        for (const phrase of Object.values(phrases))
          expect(translateReason(phrase, translator(messages))).not.toBe('');
    expect(translateReason('high demand, few strong listings, growing', translator(fr))).toBe(
      'forte demande, peu d’annonces fortes, en croissance',
    );
    // A phrase outside the set stays as the API wrote it.
    expect(translateReason('high demand, something new', translator(fr))).toBe(
      'forte demande, something new',
    );
  });

  it('tells the trend from its figures, and when the history cannot tell it', () => {
    const t = translator(fr);
    expect(
      describeTrend(
        trend({
          yearlyChangeKnown: false,
          seasonality: { index: [], strength: 1, peakMonths: [11, 10] },
          trendingNow: { trending: true, recentGrowthPct: 50.9 },
        }),
        t,
        months,
        percent,
      ),
    ).toBe(
      'L’historique ne permet pas encore de distinguer la croissance de la saison. Pics en nov., oct. En vogue : +51 % sur les 4 dernières semaines au-delà de la saison habituelle.',
    );
    expect(
      describeTrend(
        trend({ direction: 'down', yearlyChangePct: -25 }),
        translator(en),
        months,
        percent,
      ),
    ).toBe('Demand is falling about 25 % a year.');
  });
});
