import { PLATFORM_LABELS, TrackedKeywordsSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { untrackAction } from '../../actions/tracking';
import { DemoBadge } from '../../components/demo-badge';
import { FormError } from '../../components/field';
import { YearlyChangeCell } from '../../components/yearly-change-cell';
import { apiFetch } from '../../lib/api';
import { apiErrorText } from '../../lib/api-error-text';
import { currentAccount } from '../../lib/session';

export default async function TrackingPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string }>;
}) {
  const { error } = await searchParams;
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/tracking');
  const t = await getTranslations('tracking');
  const format = await getFormatter();
  const result = await apiFetch('/api/v1/tracking', TrackedKeywordsSchema);
  if (!result.ok) return <p role="alert">{await apiErrorText(result)}</p>;
  const { data, used, limit, refreshHours } = result.data;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium' });
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <FormError message={error} />
      <p className="max-w-3xl text-slate-700">
        {t('lead', { used, limit, every: refreshHours >= 168 ? t('weekly') : t('daily') })}{' '}
        <a href="/account/alerts" className="text-indigo-800 underline">
          {t('rulesLink')}
        </a>
      </p>
      {data.length === 0 ? (
        <p className="text-slate-700">{t('none')}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t('title')}</caption>
            <thead className="border-b border-slate-300 text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  {t('keyword')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('volume')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('change')}
                </th>
                <th scope="col" className="py-2 pr-4 text-right">
                  {t('trend')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('trending')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('nextRefresh')}
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">{t('untrack')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={row.id} className="border-b border-slate-200" data-testid="tracked-row">
                  <td className="py-2 pr-4">
                    <a
                      href={`/keywords/${row.platform}/${encodeURIComponent(row.keyword)}?marketplace=${row.marketplace}`}
                      className="font-medium text-indigo-800 underline"
                    >
                      {row.keyword}
                    </a>{' '}
                    <span className="text-slate-600">
                      {PLATFORM_LABELS[row.platform]} {row.marketplace}
                    </span>{' '}
                    {row.isDemo ? <DemoBadge /> : null}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {row.searchVolume === null ? '—' : format.number(row.searchVolume)}
                  </td>
                  <td className="py-2 pr-4 text-right tabular-nums">
                    {row.volumeChangePct === null
                      ? '—'
                      : `${row.volumeChangePct > 0 ? '+' : ''}${format.number(row.volumeChangePct)}%`}
                    {row.since ? (
                      <span className="block text-xs text-slate-600">
                        {t('since', { date: date(row.since) })}
                      </span>
                    ) : null}
                  </td>
                  <YearlyChangeCell
                    value={row.yearlyChangePct}
                    className="py-2 pr-4 text-right tabular-nums"
                  />
                  <td className="py-2 pr-4">{row.trending ? t('yes') : t('no')}</td>
                  <td className="py-2 pr-4">{date(row.nextRefreshAt)}</td>
                  <td className="py-2">
                    <form action={untrackAction}>
                      <input type="hidden" name="id" value={row.id} />
                      <button
                        type="submit"
                        aria-label={`${t('untrack')} ${row.keyword}`}
                        className="rounded-md border border-slate-400 px-3 py-1 hover:bg-slate-50"
                      >
                        {t('untrack')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
