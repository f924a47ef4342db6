import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json' with { type: 'json' };
import fr from '../../messages/fr.json' with { type: 'json' };
import { type ApiFailure, describeApiError } from './api-error';

/** The page's words for a failure, in one language, as next-intl formats them. */
function say(failure: ApiFailure, locale: 'en' | 'fr') {
  const t = createTranslator({
    locale,
    messages: (locale === 'fr' ? fr : en) as typeof en,
    namespace: 'errors',
  });
  const number = (n: number) => n.toLocaleString(locale);
  const inSeconds = (s: number) =>
    new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(s, 'second');
  return describeApiError(
    failure,
    t as (key: string, values?: Record<string, string | number>) => string,
    number,
    inSeconds,
  );
}

const quota = (rule: string, code = 'QUOTA_EXCEEDED'): ApiFailure => ({
  status: 429,
  code,
  message: `the limit of 30 ${rule} reached; try again in 16 s`,
  details: { rule, limit: 1000, retryAfterSeconds: 16 },
});

describe('a failed API call in the reader language', () => {
  it('says which quota ran out and when to try again', () => {
    expect(say(quota('searches'), 'fr')).toBe(
      'Vous avez utilisé vos 1\u202f000 recherches du jour. Réessayez dans 16 secondes, ou choisissez une offre qui en compte plus.',
    );
    expect(say(quota('API calls'), 'en')).toBe(
      'Too many requests (1,000 allowed). Try again in 16 seconds.',
    );
    expect(say(quota('web requests', 'RATE_LIMITED'), 'fr')).toBe(
      'Trop de requêtes (1\u202f000 autorisées). Réessayez dans 16 secondes.',
    );
  });

  it('says the service is down, the session ended or the plan falls short', () => {
    const failure = (status: number, code: string) => ({ status, code, message: 'in English' });
    expect(say(failure(503, 'SERVICE_UNAVAILABLE'), 'fr')).toBe(
      'Le service est indisponible pour le moment. Réessayez dans un instant.',
    );
    expect(say(failure(401, 'UNAUTHENTICATED'), 'fr')).toBe(
      'Votre session a pris fin : reconnectez-vous.',
    );
    expect(say(failure(403, 'PLAN_LIMIT_REACHED'), 'en')).toBe(
      'Your plan does not include this. Choose a plan that does to use it.',
    );
  });

  it('keeps what the API said of any other failure, and of a quota without its details', () => {
    expect(
      say({ status: 400, code: 'VALIDATION_FAILED', message: 'q: must not be empty' }, 'fr'),
    ).toBe('q: must not be empty');
    expect(say({ ...quota('searches'), details: undefined }, 'fr')).toBe(
      'the limit of 30 searches reached; try again in 16 s',
    );
  });
});
