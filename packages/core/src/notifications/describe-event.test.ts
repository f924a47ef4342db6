import { describe, expect, it } from 'vitest';
import { describeEvent, localizeEvent } from './describe-event';
import copy from './event-copy.json';

/** French typography: narrow no-break spaces in numbers, as Intl writes them. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const where = { platform: 'etsy', marketplace: 'US' };

describe('describeEvent', () => {
  it('writes batches in both languages, with plurals and French numbers', () => {
    const done = { total: 1_200, found: 1_199, collecting: 1, ...where };
    expect(describeEvent('batch.completed', done, 'en')).toEqual({
      title: 'Batch analysis finished: 1,199 of 1,200 keywords found',
      body: '1 keyword had no data yet on Etsy US: it is being collected and fills in the results when it arrives.',
    });
    const fr = describeEvent('batch.completed', { ...done, found: 1_200, collecting: 0 }, 'fr');
    expect(plain(fr.title)).toBe('Analyse groupée terminée : 1 200 mots-clés trouvés sur 1 200');
    expect(fr.body).toBe(
      'Tous les mots-clés ont été trouvés sur Etsy US. Les résultats sont prêts à trier et à exporter.',
    );
    expect(describeEvent('batch.failed', { total: 1, ...where }, 'fr').title).toBe(
      'L’analyse groupée de 1 mot-clé n’a pas pu s’exécuter',
    );
  });

  it('writes imports and plan changes, keeping a refused import’s reason as its body', () => {
    const file = { importId: 7, filename: 'etsy-search-terms.csv' };
    expect(describeEvent('import.completed', { ...file, imported: 2, skipped: 1 }, 'en')).toEqual({
      title: 'etsy-search-terms.csv was imported',
      body: '2 rows imported, 1 line skipped.',
    });
    expect(
      describeEvent('import.completed', { ...file, filename: null, imported: 1, skipped: 0 }, 'fr'),
    ).toEqual({ title: 'Import 7 a été importé', body: '1 ligne importée, 0 ligne ignorée.' });
    expect(describeEvent('import.failed', file, 'fr', 'line 1: no keyword column')).toEqual({
      title: 'etsy-search-terms.csv n’a pas pu être importé',
      body: 'line 1: no keyword column',
    });
    expect(describeEvent('subscription.changed', { from: 'free', to: 'pro' }, 'fr')).toEqual({
      title: 'Votre formule est maintenant Pro',
      body: 'Votre formule Digitallz est passée de Free à Pro ; ses quotas s’appliquent dès maintenant.',
    });
  });

  it('has every message in both languages', () => {
    const keys = (lang: keyof typeof copy) =>
      Object.entries(copy[lang]).flatMap(([type, m]) => Object.keys(m).map((k) => `${type}.${k}`));
    expect(keys('fr')).toEqual(keys('en'));
  });
});

describe('localizeEvent', () => {
  it('rewrites an event from its facts, and keeps the stored text of events stored without them', () => {
    const stored = { id: '1', title: 'stored', body: 'stored body', type: 'batch.failed' };
    const failed = { ...stored, data: { batchId: 'b', total: 40, ...where } };
    expect(localizeEvent(failed, 'fr').body).toContain(
      'l’analyse sur Etsy US ne s’est pas terminée',
    );
    expect(localizeEvent({ ...failed, data: { batchId: 'b', total: 40 } }, 'fr')).toMatchObject(
      stored,
    );
    const refused = {
      ...stored,
      type: 'import.failed',
      data: { importId: 3, filename: 'a.csv', kind: 'etsy-search-terms', marketplace: 'US' },
    };
    expect(localizeEvent(refused, 'fr')).toMatchObject({
      title: 'a.csv n’a pas pu être importé',
      body: 'stored body',
    });
    const test = { ...stored, type: 'webhook.test', data: {} };
    expect(localizeEvent(test, 'fr')).toBe(test);
    // A type named like an object's own members is no event with facts either.
    const odd = { ...stored, type: 'constructor', data: {} };
    expect(localizeEvent(odd, 'fr')).toBe(odd);
  });
});
