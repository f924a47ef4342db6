import { KeywordListPageSchema } from '@digitallz/contracts';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DownloadLinks } from '../../../components/download-links';
import { ResultsTable } from '../../../components/results-table';
import { apiFetch } from '../../../lib/api';
import { currentAccount } from '../../../lib/session';

export default async function ListPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await currentAccount())) redirect(`/sign-in?returnTo=/lists/${id}`);
  const t = await getTranslations('lists');
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
