import { type KeywordDetail, REASON_PHRASES, type Trend } from '@digitallz/contracts';
import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };
import { describeTrend, explainEstimates, translateReason } from './explain';

/** The `t` of the keyword page in one language, as next-intl formats its ICU messages. */
function translator(messages: typeof en) {
  const t = createTranslator({
    locale: messages === fr ? 'fr' : 'en',
    messages: messages as typeof en,
    namespace: 'keyword',
  });
  return (key: string, values?: Record<string, string | number>) =>
    (t as (key: string, values?: Record<string, string | number>) => string)(key, values);
}

/** Every message key of a catalogue, dotted. */
const keysOf = (node: object, prefix = ''): string[] =>
  Object.entries(node).flatMap(([name, value]) =>
    typeof value === 'object' && value !== null
      ? keysOf(value, `${prefix}${name}.`)
      : [`${prefix}${name}`],
  );

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

describe('the two catalogues', () => {
  it('hold the same messages', () => {
    expect(keysOf(fr).sort()).toEqual(keysOf(en).sort());
  });
});

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
    // A season's climb: list before it.
    const season = trend({
      seasonality: { index: [], strength: 1, peakMonths: [11], risesFrom: 9 },
    });
    expect(describeTrend(season, t, months, percent)).toBe(
      'La demande est stable sur l’année. Pics en nov. Les recherches montent dès sept. : publiez avant.',
    );
    expect(describeTrend(season, translator(en), months, percent)).toBe(
      'Demand is steady over the year. Peaks in nov. Searches climb from sept.: list before then.',
    );
  });
});

const detail = (over: Partial<KeywordDetail>): KeywordDetail => ({
  id: '1',
  keyword: 'wedding planner',
  platform: 'etsy',
  marketplace: 'US',
  source: 'marketplace',
  isDemo: false,
  lastUpdated: '2026-12-01T00:00:00.000Z',
  estimatedAt: '2026-12-02T00:00:00.000Z',
  model: 'volume-v3',
  volume: {
    monthly: 5200,
    low: 3100,
    high: 8700,
    evidence: 'autocomplete+search',
    basis: {
      autocomplete: { position: 2, prefixLength: 5, prefixes: 3 },
      listingCount: 12345,
      favouritesMedian: 1520,
      salesRankMedian: null,
    },
    explanation: 'in English',
  },
  competition: {
    score: 0.71,
    level: 'high',
    listingCount: 12345,
    topListings: 'strong',
    explanation: 'in English',
  },
  cpc: {
    value: 0.42,
    low: 0.3,
    high: 0.6,
    currency: 'USD',
    source: 'model',
    explanation: 'in English',
  },
  difficulty: 60,
  opportunity: 40,
  reason: null,
  price: null,
  trend: null,
  ...over,
});
const number = (locale: string) => (n: number) => n.toLocaleString(locale);

describe('how each estimate was made, in the reader language', () => {
  it('says what the volume rests on, from its figures', () => {
    expect(explainEstimates(detail({}), translator(fr), number('fr')).volume).toBe(
      'D’après la position 2 dans les suggestions après 5 caractères tapés (sous 3 préfixes) ; 12\u202f345 annonces concurrentes ; une médiane de 1\u202f520 favoris pour les meilleures annonces. Fourchette à 80 % : 3\u202f100 à 8\u202f700 recherches par mois.',
    );
    const wordCountOnly = detail({});
    wordCountOnly.volume = {
      ...(wordCountOnly.volume as NonNullable<KeywordDetail['volume']>),
      basis: {
        autocomplete: null,
        listingCount: null,
        favouritesMedian: null,
        salesRankMedian: null,
      },
    };
    expect(explainEstimates(wordCountOnly, translator(en), number('en')).volume).toBe(
      'Based on the word count alone (no marketplace observation yet). 80% range 3,100 to 8,700 searches a month.',
    );
  });

  it('says how strong the competition is, counted or not', () => {
    const one = detail({});
    one.competition = {
      ...(one.competition as NonNullable<KeywordDetail['competition']>),
      listingCount: 1,
    };
    expect(explainEstimates(one, translator(en), number('en')).competition).toBe(
      'High competition: 1 listing, strong top listings.',
    );
    expect(explainEstimates(detail({}), translator(fr), number('fr')).competition).toBe(
      'Concurrence forte : 12\u202f345 annonces, meilleures annonces solides.',
    );
    const uncounted = detail({
      competition: {
        score: 0.2,
        level: 'very high',
        listingCount: null,
        topListings: 'weak',
        explanation: 'in English',
      },
    });
    expect(explainEstimates(uncounted, translator(en), number('en')).competition).toBe(
      'Very high competition: an unknown number of listings, weak top listings.',
    );
  });

  it('says where the CPC comes from', () => {
    expect(explainEstimates(detail({}), translator(fr), number('fr')).cpc).toBe(
      'Estimée d’après l’enchère habituelle sur Etsy et la concurrence de ce mot-clé ; connectez un compte publicitaire pour la suggestion de la plateforme.',
    );
    const ads = detail({});
    ads.cpc = { ...(ads.cpc as NonNullable<KeywordDetail['cpc']>), source: 'ads-api' };
    expect(explainEstimates(ads, translator(en), number('en')).cpc).toBe(
      'Suggested bid from the Etsy ads API.',
    );
  });

  it('says when there is no estimate yet, and keeps the English of one stored without its figures', () => {
    const pending = detail({ estimatedAt: null });
    expect(explainEstimates(pending, translator(fr), number('fr'))).toEqual({
      volume: 'Les estimations sont en cours de calcul à partir de la dernière collecte.',
      competition: 'Les estimations sont en cours de calcul à partir de la dernière collecte.',
      cpc: 'Les estimations sont en cours de calcul à partir de la dernière collecte.',
    });
    const demo = detail({ estimatedAt: null, isDemo: true });
    expect(explainEstimates(demo, translator(fr), number('fr')).volume).toBe(
      'Données de démonstration : le marché simulé du bac à sable, pas une estimation.',
    );
    const older = detail({});
    older.volume = { ...(older.volume as NonNullable<KeywordDetail['volume']>), basis: null };
    older.competition = {
      ...(older.competition as NonNullable<KeywordDetail['competition']>),
      topListings: null,
    };
    const explained = explainEstimates(older, translator(fr), number('fr'));
    expect([explained.volume, explained.competition]).toEqual(['in English', 'in English']);
    expect(explainEstimates(detail({ volume: null }), translator(fr), number('fr')).volume).toBe(
      undefined,
    );
  });
});
