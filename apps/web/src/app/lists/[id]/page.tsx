import { KeywordListPageSchema } from '@digitallz/contracts';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { trackListAction } from '../../../actions/tracking';
import { DownloadLinks } from '../../../components/download-links';
import { FormError } from '../../../components/field';
import { ResultsTable } from '../../../components/results-table';
import { env } from '../../../env';
import { apiFetch } from '../../../lib/api';
import { currentAccount } from '../../../lib/session';

export default async function ListPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { id } = await params;
  const { error } = await searchParams;
  if (!(await currentAccount())) redirect(`/sign-in?returnTo=/lists/${id}`);
  const t = await getTranslations('lists');
  const tt = await getTranslations('tracking');
  const page = await apiFetch(
    `/api/v1/lists/${encodeURIComponent(id)}?limit=100`,
    KeywordListPageSchema,
  );
  if (!page.ok) notFound();
  const { list, data } = page.data;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{list.name}</h1>
      <p className="text-slate-700">{t('count', { count: list.keywordCount })}</p>
      <FormError message={error} />
      {list.keywordCount > 0 ? (
        <form action={trackListAction}>
          <input type="hidden" name="listId" value={list.id} />
          <button
            type="submit"
            className="rounded-md border border-indigo-700 px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-50"
          >
            {tt('trackList')}
          </button>
        </form>
      ) : null}
      {list.sharePath ? (
        <p className="text-sm text-slate-700">
          {t('sheets')}{' '}
          <code className="break-all rounded bg-slate-100 px-1" data-testid="sheets-formula">
            {`=IMPORTDATA("${env.PUBLIC_API_URL ?? env.API_URL}${list.sharePath}/export?format=csv")`}
          </code>
        </p>
      ) : (
        <p className="text-sm text-slate-600">{t('shareFirst')}</p>
      )}
      <DownloadLinks
        label={t('export')}
        href={(format) => `/lists/${list.id}/export?format=${format}`}
      />
      {data.length > 0 ? (
        <ResultsTable rows={data} />
      ) : (
        <p className="text-slate-700">{t('empty')}</p>
      )}
    </div>
  );
}
