import type { Platform } from '@digitallz/contracts';
import { useTranslations } from 'next-intl';
import { PlatformSelect } from './platform-select';

/** The marketplaces' countries a seller can research (Amazon's storefronts, Etsy, eBay sites). */
const COUNTRIES = ['US', 'UK', 'CA', 'AU', 'DE', 'FR', 'IT', 'ES'] as const;

export function SearchForm({
  q,
  platform,
  marketplace,
}: {
  q: string;
  platform: Platform;
  marketplace: string;
}) {
  const t = useTranslations('search');
  return (
    <search>
      <form action="/" method="get" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <PlatformSelect id="platform" label={t('marketplace')} defaultValue={platform} />
        <div className="flex flex-col gap-1">
          <label htmlFor="marketplace" className="text-sm font-medium text-slate-700">
            {t('country')}
          </label>
          <select
            id="marketplace"
            name="marketplace"
            defaultValue={marketplace}
            className="h-11 rounded-md border border-slate-400 bg-white px-3 text-base focus:outline-2 focus:outline-indigo-600"
          >
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-1 flex-col gap-1">
          <label htmlFor="q" className="text-sm font-medium text-slate-700">
            {t('seed')}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            required
            maxLength={200}
            placeholder={t('placeholder')}
            className="h-11 rounded-md border border-slate-300 bg-white px-3 text-base focus:outline-2 focus:outline-indigo-600"
          />
        </div>
        <button
          type="submit"
          className="h-11 rounded-md bg-indigo-700 px-5 font-medium text-white hover:bg-indigo-800 focus:outline-2 focus:outline-offset-2 focus:outline-indigo-700"
        >
          {t('submit')}
        </button>
      </form>
    </search>
  );
}
