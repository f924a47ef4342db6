import 'server-only';
import { getFormatter, getTranslations } from 'next-intl/server';
import { type ApiFailure, describeApiError } from './api-error';

/** `describeApiError` in the visitor's language, for a server component. */
export async function apiErrorText(failure: ApiFailure): Promise<string> {
  const [t, format] = await Promise.all([getTranslations('errors'), getFormatter()]);
  const now = new Date();
  return describeApiError(
    failure,
    t,
    (value) => format.number(value),
    (seconds) => format.relativeTime(new Date(now.getTime() + seconds * 1000), now),
  );
}
