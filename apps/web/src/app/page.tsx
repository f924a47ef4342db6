import { PLATFORM_LABELS, PlansSchema, type Platform, PlatformSchema } from '@digitallz/contracts';
import { useTranslations } from 'next-intl';
import { getFormatter, getTranslations } from 'next-intl/server';
import { AddToListForm } from '../components/add-to-list-form';
import { CollectionProgress } from '../components/collection-progress';
import { DemoBadge } from '../components/demo-badge';
import { KeywordGrid } from '../components/keyword-grid';
import { SearchForm } from '../components/search-form';
import { apiFetch, searchKeywords } from '../lib/api';
import { apiErrorText } from '../lib/api-error-text';
import { currentAccount } from '../lib/session';

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? '';

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const q = first(params.q).trim();
  const platform: Platform = PlatformSchema.catch('etsy').parse(first(params.platform));
  const cursor = first(params.cursor) || undefined;
  const marketplace = /^[A-Za-z]{2}$/.test(first(params.marketplace))
    ? first(params.marketplace).toUpperCase()
    : 'US';
  const t = await getTranslations('search');

  return (
    <div className="flex flex-col gap-6">
      <section className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="text-slate-700">{t('lead')}</p>
      </section>
      <SearchForm q={q} platform={platform} marketplace={marketplace} />
      {q ? (
        <Results q={q} platform={platform} marketplace={marketplace} cursor={cursor} />
      ) : (
        <Landing />
      )}
    </div>
  );
}

async function Results({
  q,
  platform,
  marketplace,
  cursor,
}: {
  q: string;
  platform: Platform;
  marketplace: string;
  cursor?: string;
}) {
  const [result, account] = await Promise.all([
    searchKeywords({ q, platform, marketplace, cursor }),
    currentAccount(),
  ]);
  const signedIn = account !== null;
  const tp = await getTranslations('searchPage');
  if (!result.ok) {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-4 text-red-900">
        {result.status >= 500 ? tp('unavailable') : await apiErrorText(result)}
      </p>
    );
  }
  const { data, nextCursor, collection } = result.data;
  const progress = collection ? <CollectionProgress collection={collection} /> : null;
  if (data.length === 0) {
    return (
      <div className="flex flex-col gap-3">
        {progress}
        <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">
          {tp('noMatch', { platform: PLATFORM_LABELS[platform], q })}{' '}
          {collection ? tp('appearing') : tp('broader')}
        </p>
      </div>
    );
  }
  const anyDemo = data.some((row) => row.isDemo);
  return (
    <section aria-labelledby="results-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="results-heading" className="text-lg font-semibold">
          {tp('heading', { platform: PLATFORM_LABELS[platform], q })}
        </h2>
        {anyDemo ? (
          <p className="flex items-center gap-2 text-sm text-amber-900">
            <DemoBadge /> {tp('demoNote', { platform: PLATFORM_LABELS[platform] })}
          </p>
        ) : null}
      </div>
      {progress}
      <KeywordGrid
        rows={data}
        nextCursor={nextCursor}
        query={{ q, platform, marketplace }}
        selectFor={signedIn ? 'add-to-list' : undefined}
      />
      {signedIn ? <AddToListForm id="add-to-list" /> : null}
    </section>
  );
}

/** For a page without a query: a hint, and for visitors what the plans offer. */
async function Landing() {
  const account = await currentAccount();
  if (account) return <Hint />;
  const t = await getTranslations('landing');
  const format = await getFormatter();
  const plans = await apiFetch('/api/v1/plans', PlansSchema);
  const n = (v: number) => format.number(v);
  return (
    <div className="flex flex-col gap-8">
      <Hint />
      <section aria-labelledby="hero" className="flex flex-col gap-2">
        <h2 id="hero" className="text-xl font-semibold">
          {t('heroTitle')}
        </h2>
        <p className="max-w-3xl text-slate-700">{t('heroLead')}</p>
      </section>
      {plans.ok ? (
        <section aria-labelledby="plans" className="flex flex-col gap-3">
          <h2 id="plans" className="text-xl font-semibold">
            {t('plansTitle')}
          </h2>
          <ul className="grid grid-cols-1 gap-4 sm:grid-cols-3">
            {(['free', 'pro', 'business'] as const).map((name) => {
              const plan = plans.data.data[name];
              return (
                <li
                  key={name}
                  className="flex flex-col gap-2 rounded-lg border border-slate-300 bg-white p-4"
                >
                  <h3 className="text-lg font-semibold">{plan.label}</h3>
                  <p className="text-2xl font-semibold">
                    ${plan.priceMonthlyUsd}
                    <span className="text-sm font-normal text-slate-700">{t('perMonth')}</span>
                  </p>
                  <ul className="flex flex-col gap-1 text-sm text-slate-800">
                    <li>{t('searchesPerDay', { count: n(plan.searchesPerDay) })}</li>
                    <li>{t('apiCallsPerDay', { count: n(plan.apiCallsPerDay) })}</li>
                    <li>{t('batchSize', { count: n(plan.batchSize) })}</li>
                    <li>{t('exportRows', { count: n(plan.exportRows) })}</li>
                  </ul>
                </li>
              );
            })}
          </ul>
          <a
            href="/sign-up"
            className="self-start rounded-md bg-indigo-700 px-5 py-2.5 font-medium text-white hover:bg-indigo-800"
          >
            {t('start')}
          </a>
        </section>
      ) : null}
    </div>
  );
}

function Hint() {
  const t = useTranslations('searchPage');
  return (
    <p className="rounded-md border border-dashed border-slate-300 bg-white p-4 text-slate-700">
      {t('hint')}
    </p>
  );
}
