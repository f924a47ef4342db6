import { DashboardSchema, TrackedKeywordsSchema, UsageSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ResultsTable } from '../../components/results-table';
import { apiFetch } from '../../lib/api';
import { apiErrorText } from '../../lib/api-error-text';
import { currentAccount } from '../../lib/session';

/** Recent searches, the best opportunities and what is trending, lists and batches at a glance. */
export default async function DashboardPage() {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/dashboard');
  const t = await getTranslations('dashboard');
  const tt = await getTranslations('tracking');
  const format = await getFormatter();
  const ta = await getTranslations('account');
  const [dashboard, tracking, usage] = await Promise.all([
    apiFetch('/api/v1/dashboard', DashboardSchema),
    apiFetch('/api/v1/tracking', TrackedKeywordsSchema),
    apiFetch('/api/v1/account/usage', UsageSchema),
  ]);
  // Moved: the largest volume changes since the last alert, and those trending now.
  const moved = (tracking.ok ? tracking.data.data : [])
    .filter((k) => k.trending || Math.abs(k.volumeChangePct ?? 0) >= 10)
    .sort((a, b) => Math.abs(b.volumeChangePct ?? 0) - Math.abs(a.volumeChangePct ?? 0))
    .slice(0, 8);
  if (!dashboard.ok) return <p role="alert">{await apiErrorText(dashboard)}</p>;
  const d = dashboard.data;
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      {usage.ok ? (
        <section aria-labelledby="quota" className="flex flex-col gap-2" data-testid="quota-use">
          <h2 id="quota" className="text-lg font-semibold">
            {t('quota', { plan: usage.data.plan })}
          </h2>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            {(['searchesPerDay', 'apiCallsPerMinute', 'apiCallsPerDay'] as const).map((q) => {
              const { limit, remaining } = usage.data[q];
              const used = limit - remaining;
              return (
                <div key={q} className="flex flex-col gap-1 text-sm">
                  <span id={`quota-${q}`} className="text-slate-700">
                    {ta(`quota.${q}`)}
                  </span>
                  <progress
                    aria-labelledby={`quota-${q}`}
                    max={limit}
                    value={used}
                    className="h-2 w-full accent-indigo-700"
                  />
                  <span className="tabular-nums" data-testid={`quota-${q}`}>
                    {t('quotaUsed', { used: format.number(used), limit: format.number(limit) })}
                  </span>
                </div>
              );
            })}
          </div>
        </section>
      ) : null}
      <section aria-labelledby="recent" className="flex flex-col gap-2">
        <h2 id="recent" className="text-lg font-semibold">
          {t('recent')}
        </h2>
        {d.recentSearches.length === 0 ? (
          <p className="text-slate-700">{t('noSearches')}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {d.recentSearches.slice(0, 12).map((s) => (
              <li key={`${s.platform}-${s.marketplace}-${s.keyword}`}>
                <a
                  href={`/?${new URLSearchParams({ q: s.keyword, platform: s.platform, marketplace: s.marketplace })}`}
                  className="rounded-full border border-slate-300 bg-white px-3 py-1 text-sm underline decoration-slate-300 underline-offset-2"
                >
                  {s.keyword} · {s.platform} {s.marketplace}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="moved" className="flex flex-col gap-2">
        <h2 id="moved" className="text-lg font-semibold">
          {tt('moved')}
        </h2>
        {moved.length === 0 ? (
          <p className="text-slate-700">
            {tt('noMoves')}{' '}
            <a href="/tracking" className="text-indigo-800 underline">
              {tt('title')}
            </a>
          </p>
        ) : (
          <ul className="flex flex-col gap-1">
            {moved.map((k) => (
              <li key={k.id}>
                <a
                  href={`/keywords/${k.platform}/${encodeURIComponent(k.keyword)}?marketplace=${k.marketplace}`}
                  className="text-indigo-800 underline"
                >
                  {k.keyword}
                </a>{' '}
                <span className="tabular-nums text-slate-800">
                  {k.volumeChangePct === null
                    ? ''
                    : `${k.volumeChangePct > 0 ? '+' : ''}${format.number(k.volumeChangePct)}%`}
                </span>{' '}
                {k.trending ? <span className="text-emerald-800">{tt('trending')}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="opportunities" className="flex flex-col gap-2">
        <h2 id="opportunities" className="text-lg font-semibold">
          {t('opportunities')}
        </h2>
        <ResultsTable rows={d.topOpportunities} caption={t('opportunities')} />
      </section>
      <section aria-labelledby="trending" className="flex flex-col gap-2">
        <h2 id="trending" className="text-lg font-semibold">
          {t('trending')}
        </h2>
        <ResultsTable rows={d.trending} caption={t('trending')} />
      </section>
      <p className="text-slate-700">
        {t('summary', {
          lists: d.lists,
          running: d.batches.running,
          completed: d.batches.completed,
        })}
      </p>
    </div>
  );
}
