import { describe, expect, it } from 'vitest';
import { localizeEvent } from '../notifications/describe-event';
import copy from './alert-copy.json';
import { type AlertFacts, describeAlert } from './describe-alert';

const at = { keyword: 'wedding planner', platform: 'etsy', marketplace: 'US' };
const volume: AlertFacts = {
  rule: 'volume_change',
  ...at,
  from: 1_000,
  to: 1_250,
  changePct: 25,
  since: '2026-11-01',
  threshold: 25,
};
/** French typography: narrow no-break spaces in numbers and before %, as Intl writes them. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('describeAlert', () => {
  it('writes a volume change in French with French numbers and dates', () => {
    const fr = describeAlert({ ...volume, to: 12_500, changePct: 1150 }, 'fr');
    expect(plain(fr.title)).toBe('« wedding planner » : recherches en hausse de 1 150 %');
    expect(plain(fr.body)).toBe(
      'Les recherches mensuelles estimées de « wedding planner » sur Etsy US sont montées de 1 000 à 12 500 depuis le 1 nov. 2026. Votre règle : des variations de 25 % ou plus.',
    );
    expect(describeAlert({ ...volume, to: 600, changePct: -40 }, 'en').title).toBe(
      '"wedding planner" search volume fell 40%',
    );
  });

  it('writes competition, trending, seasonal peaks and new keywords in both languages', () => {
    const competition: AlertFacts = {
      rule: 'competition_jump',
      ...at,
      from: 0.4,
      to: 0.6,
      since: '2026-11-01',
      threshold: 15,
    };
    expect(describeAlert(competition, 'en').title).toBe(
      '"wedding planner" got more competitive (+20 points)',
    );
    expect(describeAlert(competition, 'fr').body).toContain('est passée de 40 à 60 sur 100');
    expect(describeAlert({ rule: 'trending', ...at, trending: false }, 'fr').title).toBe(
      '« wedding planner » n’est plus en tendance',
    );
    const peak: AlertFacts = {
      rule: 'seasonal_peak',
      ...at,
      peakMonth: 2,
      daysToPeak: 1,
      lift: 3,
      threshold: 30,
    };
    expect(describeAlert(peak, 'en').title).toBe(
      '"wedding planner" peaks in February: 1 day to go',
    );
    const fr = describeAlert(peak, 'fr');
    expect(fr.title).toBe('« wedding planner » culmine en février : plus que 1 jour');
    expect(fr.body).toContain('à environ 3,0 fois un mois moyen');
    expect(fr.body).toContain('Votre règle : 30 jours à l’avance.');
    const related: AlertFacts = {
      rule: 'new_related',
      ...at,
      related: 'wedding planner pdf',
      opportunity: 81,
      searchVolume: 2_400,
      threshold: 70,
    };
    expect(plain(describeAlert(related, 'fr').body)).toContain(
      'score d’opportunité de 81/100 et environ 2 400 recherches par mois.',
    );
    expect(describeAlert({ ...related, searchVolume: null }, 'en').body).toBe(
      '"wedding planner pdf" just appeared on Etsy US with an opportunity score of 81/100. Your rule: new related keywords scoring 70 or more.',
    );
  });

  it('has every message in both languages', () => {
    const keys = (lang: keyof typeof copy) =>
      Object.entries(copy[lang]).flatMap(([rule, m]) => Object.keys(m).map((k) => `${rule}.${k}`));
    expect(keys('fr')).toEqual(keys('en'));
  });
});

describe('localizeEvent', () => {
  const stored = { id: '1', title: 'stored', body: 'stored body' };

  it('rewrites an alert from its facts, and keeps the stored text of other events and older alerts', () => {
    const alert = { ...stored, type: 'keyword.alert', data: { trackedKeywordId: 'x', ...volume } };
    expect(plain(localizeEvent(alert, 'fr').title)).toBe(
      '« wedding planner » : recherches en hausse de 25 %',
    );
    // Stored before alerts kept their rule's threshold and date: their English text stays.
    const { since: _since, threshold: _threshold, ...older } = volume;
    expect(localizeEvent({ ...alert, data: older }, 'fr')).toMatchObject(stored);
    const batch = { ...stored, type: 'batch.completed', data: { batchId: 'b' } };
    expect(localizeEvent(batch, 'fr')).toBe(batch);
  });
});
