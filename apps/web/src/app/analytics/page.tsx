import {
  GlobalTrendsSchema,
  PLATFORM_LABELS,
  PLATFORMS,
  PlatformComparisonSchema,
  PlatformSchema,
} from '@digitallz/contracts';
import { getFormatter, getTranslations } from 'next-intl/server';
import { buttonClass } from '../../components/field';
import { ResultsTable } from '../../components/results-table';
import { TrendChart } from '../../components/trend-chart';
import { apiFetch } from '../../lib/api';
import { apiErrorText } from '../../lib/api-error-text';

type Params = Promise<Record<string, string | string[] | undefined>>;

/** One keyword across Amazon, Etsy and eBay; a platform's demand over the year. */
export default async function AnalyticsPage({ searchParams }: { searchParams: Params }) {
  const params = await searchParams;
  const t = await getTranslations('analytics');
  const format = await getFormatter();
  const keyword = typeof params.keyword === 'string' ? params.keyword.trim().slice(0, 200) : '';
  const platform = PlatformSchema.catch('etsy').parse(params.platform);
  const [comparison, trends] = await Promise.all([
    keyword
      ? apiFetch(
          `/api/v1/keywords/compare?keyword=${encodeURIComponent(keyword)}`,
          PlatformComparisonSchema,
        )
      : null,
    apiFetch(`/api/v1/trends/global?platform=${platform}`, GlobalTrendsSchema),
  ]);
  const number = (n: number | null) =>
    n === null ? '—' : format.number(n, { maximumFractionDigits: 0 });
  const comparisonError = comparison && !comparison.ok ? await apiErrorText(comparison) : null;
  const trendsError = trends.ok ? null : await apiErrorText(trends);
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <section aria-labelledby="compare" className="flex flex-col gap-3">
        <h2 id="compare" className="text-lg font-semibold">
          {t('compare')}
        </h2>
        <form className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex flex-col gap-1">
            <label htmlFor="compare-keyword" className="text-sm font-medium text-slate-800">
              {t('keyword')}
            </label>
            <input
              id="compare-keyword"
              name="keyword"
              defaultValue={keyword}
              required
              maxLength={200}
              className="h-11 rounded-md border border-slate-400 bg-white px-3"
            />
          </div>
          <input type="hidden" name="platform" value={platform} />
          <button type="submit" className={buttonClass}>
            {t('compareButton')}
          </button>
        </form>
        {comparison?.ok ? (
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="comparison">
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    {t('platform')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t('volume')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t('competition')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t('opportunity')}
                  </th>
                  <th scope="col" className="py-2 text-right">
                    {t('price')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {comparison.data.platforms.map((p) => (
                  <tr key={p.platform} className="border-b border-slate-200">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {PLATFORM_LABELS[p.platform]}
                      {comparison.data.best === p.platform ? ` · ${t('best')}` : ''}
                    </th>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {p.known ? number(p.searchVolume) : t('unknown')}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {p.competition === null
                        ? '—'
                        : format.number(p.competition, { style: 'percent' })}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{number(p.opportunity)}</td>
                    <td className="py-2 text-right tabular-nums">
                      {p.priceMedian === null
                        ? '—'
                        : format.number(p.priceMedian, { style: 'currency', currency: 'USD' })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : comparison ? (
          <p role="alert">{comparisonError}</p>
        ) : null}
      </section>
      <section aria-labelledby="global" className="flex flex-col gap-3">
        <h2 id="global" className="text-lg font-semibold">
          {t('global')}
        </h2>
        <nav aria-label={t('platform')} className="flex gap-2 text-sm">
          {PLATFORMS.map((p) => (
            <a
              key={p}
              href={`/analytics?${new URLSearchParams({ platform: p, ...(keyword ? { keyword } : {}) })}`}
              aria-current={p === platform ? 'page' : undefined}
              className={`rounded-md border px-3 py-1 ${p === platform ? 'border-indigo-700 bg-indigo-50 font-semibold' : 'border-slate-300'}`}
            >
              {PLATFORM_LABELS[p]}
            </a>
          ))}
        </nav>
        {trends.ok ? (
          <>
            <TrendChart
              points={trends.data.weekly.map((w) => ({
                week: w.periodStart,
                volume: Math.round(w.volume),
              }))}
              labels={{
                title: t('demand', { count: trends.data.basedOn }),
                searches: t('searches'),
                forecast: '',
                band: '',
                axis: t('axis'),
              }}
            />
            <h3 className="font-semibold">{t('rising')}</h3>
            {trends.data.rising.length > 0 ? (
              <ResultsTable rows={trends.data.rising.slice(0, 10)} caption={t('rising')} />
            ) : (
              <p className="text-slate-700">{t('noneRising')}</p>
            )}
            <h3 className="font-semibold">{t('peaking')}</h3>
            {trends.data.peakingNextMonth.length > 0 ? (
              <ResultsTable
                rows={trends.data.peakingNextMonth.slice(0, 10)}
                caption={t('peaking')}
              />
            ) : (
              <p className="text-slate-700">{t('nonePeaking')}</p>
            )}
          </>
        ) : (
          <p role="alert">{trendsError}</p>
        )}
      </section>
    </div>
  );
}
