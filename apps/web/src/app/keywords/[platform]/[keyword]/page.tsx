import {
  KeywordCompetitionSchema,
  KeywordDetailSchema,
  KeywordTrendsSchema,
  ListingHelpSchema,
  PLATFORM_LABELS,
  PlatformSchema,
  RelatedKeywordsSchema,
} from '@digitallz/contracts';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { SimpleBarChart } from '../../../../components/bar-chart';
import { DemoBadge } from '../../../../components/demo-badge';
import { ListingHelpSection } from '../../../../components/listing-help';
import { TrackButton } from '../../../../components/track-button';
import { TrendChart, type TrendPoint } from '../../../../components/trend-chart';
import { apiFetch } from '../../../../lib/api';
import { apiErrorText } from '../../../../lib/api-error-text';
import { describeTrend, explainEstimates, translateReason } from '../../../../lib/explain';
import { formatPriceBand } from '../../../../lib/format';
import { currentAccount } from '../../../../lib/session';

/** Weeks of history from which the forecast can follow a yearly season. */
const TWO_YEARS = 104;
/** How far ahead the chart can forecast: a quarter (the default), half a year, a year. */
const HORIZONS = [13, 26, 52] as const;

type Props = {
  params: Promise<{ platform: string; keyword: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One keyword: its estimates explained, trend and forecast, seasonality, competition, related, listing help. */
export default async function KeywordPage({ params, searchParams }: Props) {
  const { platform: rawPlatform, keyword: rawKeyword } = await params;
  const platform = PlatformSchema.safeParse(rawPlatform);
  if (!platform.success) notFound();
  const search = await searchParams;
  const marketplace = String(search.marketplace ?? 'US')
    .slice(0, 2)
    .toUpperCase();
  const horizon = HORIZONS.find((h) => String(h) === search.horizon) ?? HORIZONS[0];
  const keyword = decodeURIComponent(rawKeyword);
  const base = `/api/v1/keywords/${platform.data}/${encodeURIComponent(keyword)}`;
  const query = `?marketplace=${marketplace}`;
  const [detail, trends, competition, related, listing, account] = await Promise.all([
    apiFetch(`${base}${query}`, KeywordDetailSchema),
    apiFetch(`${base}/trends${query}&horizon=${horizon}`, KeywordTrendsSchema),
    apiFetch(`${base}/competition${query}`, KeywordCompetitionSchema),
    apiFetch(`${base}/related${query}&limit=12`, RelatedKeywordsSchema),
    apiFetch(`${base}/listing${query}`, ListingHelpSchema),
    currentAccount(),
  ]);
  const t = await getTranslations('keyword');
  const format = await getFormatter();
  const locale = await getLocale();
  const number = (n: number) => format.number(n, { maximumFractionDigits: 0 });
  const money = (n: number, currency = 'USD') => format.number(n, { style: 'currency', currency });

  if (!detail.ok) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold">{keyword}</h1>
        <p role="status" className="text-slate-700">
          {detail.status === 404 ? t('notFound') : await apiErrorText(detail)}
        </p>
      </div>
    );
  }
  const k = detail.data;
  const explained = explainEstimates(k, t, number);
  const points: TrendPoint[] = trends.ok
    ? [
        ...trends.data.weekly.map((w) => ({ week: w.periodStart, volume: w.volume })),
        ...(trends.data.forecast ?? []).map((f) => ({
          week: f.periodStart,
          forecast: Math.round(f.volume),
          band80: [Math.round(f.lo80), Math.round(f.hi80)] as [number, number],
        })),
      ]
    : [];
  const monthName = (m: number, month: 'short' | 'narrow') =>
    format.dateTime(new Date(Date.UTC(2026, m, 15)), { month, timeZone: 'UTC' });
  const months = Array.from({ length: 12 }, (_, m) => monthName(m, 'short'));
  const seasonality = k.trend?.seasonality?.index ?? [];

  return (
    <article className="flex flex-col gap-8">
      <header className="flex flex-col gap-1">
        <p className="text-sm text-slate-700">
          {PLATFORM_LABELS[k.platform]} · {k.marketplace}
        </p>
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
          {k.keyword} {k.isDemo ? <DemoBadge /> : null}
        </h1>
        {k.reason ? <p className="text-slate-800">{translateReason(k.reason, t)}</p> : null}
        {account ? (
          <TrackButton platform={k.platform} marketplace={k.marketplace} keyword={k.keyword} />
        ) : null}
        <p className="text-sm text-slate-600">
          {t('updated', {
            date: format.dateTime(new Date(k.lastUpdated), { dateStyle: 'medium' }),
          })}
          {' · '}
          {k.estimatedAt
            ? t('estimated', {
                date: format.dateTime(new Date(k.estimatedAt), { dateStyle: 'medium' }),
                model: k.model ?? '',
              })
            : t('pending')}
        </p>
      </header>

      <section
        aria-label={t('volume')}
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4"
      >
        <Metric
          label={t('volume')}
          value={k.volume ? number(k.volume.monthly) : '—'}
          note={
            k.volume
              ? t('range', { low: number(k.volume.low), high: number(k.volume.high) })
              : undefined
          }
          explanation={explained.volume}
          why={t('why')}
        />
        <Metric
          label={t('competition')}
          value={k.competition ? t(`levels.${k.competition.level}`) : '—'}
          note={
            k.competition?.listingCount != null
              ? t('listings', { count: number(k.competition.listingCount) })
              : undefined
          }
          explanation={explained.competition}
          why={t('why')}
        />
        <Metric
          label={t('cpc')}
          value={k.cpc ? money(k.cpc.value, k.cpc.currency) : '—'}
          note={
            k.cpc
              ? `${money(k.cpc.low, k.cpc.currency)} – ${money(k.cpc.high, k.cpc.currency)}`
              : undefined
          }
          explanation={explained.cpc}
          why={t('why')}
        />
        <Metric
          label={`${t('difficulty')} / ${t('opportunity')}`}
          value={`${k.difficulty ?? '—'} / ${k.opportunity ?? '—'}`}
          explanation={t('scoresWhy')}
          why={t('why')}
        />
      </section>

      <section className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          {points.length >= 8 ? (
            <TrendChart
              points={points}
              labels={{
                title: t('trendTitle', { weeks: horizon }),
                searches: t('searches'),
                forecast: t('forecast'),
                band: t('band'),
                axis: t('axis'),
              }}
            />
          ) : (
            <p className="text-slate-700">{t('noHistory')}</p>
          )}
          {trends.ok && trends.data.forecast ? (
            <nav aria-label={t('horizon')} className="mt-2 flex flex-wrap gap-2 text-sm">
              {HORIZONS.map((h) => (
                <a
                  key={h}
                  href={`?${new URLSearchParams({ marketplace, ...(h === HORIZONS[0] ? {} : { horizon: String(h) }) })}`}
                  aria-current={h === horizon ? 'page' : undefined}
                  className={`rounded-md border px-3 py-1 ${h === horizon ? 'border-indigo-700 bg-indigo-50 font-semibold' : 'border-slate-300'}`}
                >
                  {t('horizonWeeks', { weeks: h })}
                </a>
              ))}
            </nav>
          ) : null}
          {k.trend ? (
            <p className="mt-2 text-sm text-slate-700" data-testid="trend-text">
              {describeTrend(
                k.trend,
                t,
                (month) => months[month - 1] as string,
                (value) => format.number(value, { style: 'percent', maximumFractionDigits: 0 }),
              )}
            </p>
          ) : null}
          {trends.ok && trends.data.forecastBasis ? (
            <p className="mt-1 text-sm text-slate-700" data-testid="forecast-text">
              {t(
                trends.data.forecastBasis === 'yearly_season'
                  ? 'forecastSeason'
                  : trends.data.weekly.length >= TWO_YEARS
                    ? 'forecastRecentNoSeason'
                    : 'forecastRecentShort',
              )}
            </p>
          ) : null}
        </div>
        {seasonality.length === 12 ? (
          <SimpleBarChart
            title={t('seasonality')}
            xLabel={t('month')}
            yLabel={t('index')}
            data={seasonality.map((v, m) => ({
              label: months[m] as string,
              tick: monthName(m, 'narrow'),
              value: Math.round(v * 100),
            }))}
          />
        ) : null}
      </section>

      {competition.ok && competition.data.topListings.length === 0 ? (
        <p className="text-slate-700">{t('noListings')}</p>
      ) : null}
      {competition.ok && competition.data.topListings.length > 0 ? (
        <section className="flex flex-col gap-4">
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
            {competition.data.price ? (
              <div className="lg:col-span-2">
                <SimpleBarChart
                  title={t('prices')}
                  xLabel={t('priceAxis')}
                  yLabel={t('countAxis')}
                  data={competition.data.price.histogram.map((b) => ({
                    label: formatPriceBand(b.from, b.to, locale),
                    value: b.count,
                  }))}
                />
              </div>
            ) : null}
            <div className="flex flex-col gap-2">
              <h2 className="text-sm font-medium text-slate-800">{t('sellers')}</h2>
              <ul className="flex flex-col gap-1 text-sm">
                {competition.data.sellers.slice(0, 8).map((s) => (
                  <li key={s.seller} className="flex justify-between gap-4">
                    <span>{s.seller}</span>
                    <span className="tabular-nums text-slate-700">{s.listings}</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
          <h2 className="text-lg font-semibold">{t('topListings')}</h2>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    {t('title')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t('price')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t('reviews')}
                  </th>
                  <th scope="col" className="py-2 pr-4 text-right">
                    {t('favourites')}
                  </th>
                  <th scope="col" className="py-2">
                    {t('seller')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {competition.data.topListings.slice(0, 12).map((l) => (
                  <tr key={l.id} className="border-b border-slate-200">
                    <td className="py-2 pr-4">{l.title}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">
                      {l.price != null ? money(l.price, l.currency ?? 'USD') : '—'}
                    </td>
                    <td className="py-2 pr-4 text-right tabular-nums">{l.reviews ?? '—'}</td>
                    <td className="py-2 pr-4 text-right tabular-nums">{l.favourites ?? '—'}</td>
                    <td className="py-2">{l.seller ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {related.ok && related.data.data.length > 0 ? (
        <section className="flex flex-col gap-2">
          <h2 className="text-lg font-semibold">{t('related')}</h2>
          <ul className="grid grid-cols-1 gap-x-8 gap-y-1 text-sm sm:grid-cols-2 lg:grid-cols-3">
            {related.data.data.map((r) => (
              <li
                key={r.keyword}
                className="flex justify-between gap-4 border-b border-slate-100 py-1"
              >
                <a
                  href={`/keywords/${k.platform}/${encodeURIComponent(r.keyword)}?marketplace=${k.marketplace}`}
                  className="text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-800"
                >
                  {r.keyword}
                </a>
                <span className="tabular-nums text-slate-700">
                  {r.searchVolume != null ? number(r.searchVolume) : '—'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {listing.ok ? <ListingHelpSection help={listing.data} /> : null}
    </article>
  );
}

function Metric(props: {
  label: string;
  value: string;
  note?: string;
  explanation?: string;
  why: string;
}) {
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-slate-300 bg-white p-4">
      <p className="text-sm text-slate-700">{props.label}</p>
      <p className="text-2xl font-semibold tabular-nums">{props.value}</p>
      {props.note ? <p className="text-sm text-slate-700">{props.note}</p> : null}
      {props.explanation ? (
        <details className="text-sm text-slate-700">
          <summary className="cursor-pointer text-indigo-800">{props.why}</summary>
          <p className="mt-1">{props.explanation}</p>
        </details>
      ) : null}
    </div>
  );
}
