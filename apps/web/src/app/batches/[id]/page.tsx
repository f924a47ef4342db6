import { BatchResultsSchema, BatchSchema } from '@digitallz/contracts';
import { notFound, redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DownloadLinks } from '../../../components/download-links';
import { ResultsTable } from '../../../components/results-table';
import { apiFetch } from '../../../lib/api';
import { currentAccount } from '../../../lib/session';

/** A batch's progress (the page refreshes itself until it is done), then its results. */
export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await currentAccount())) redirect(`/sign-in?returnTo=/batches/${id}`);
  const t = await getTranslations('batches');
  const batch = await apiFetch(`/api/v1/batches/${encodeURIComponent(id)}`, BatchSchema);
  if (!batch.ok) notFound();
  const b = batch.data;
  const running = b.status === 'queued' || b.status === 'running';
  const results = running
    ? null
    : await apiFetch(
        `/api/v1/batches/${encodeURIComponent(id)}/results?limit=100`,
        BatchResultsSchema,
      );
  const rows = results?.ok ? results.data.data.flatMap((r) => (r.result ? [r.result] : [])) : [];
  return (
    <div className="flex flex-col gap-6">
      {running ? <meta httpEquiv="refresh" content="2" /> : null}
      <h1 className="text-2xl font-semibold tracking-tight">
        {t('batchTitle', { total: b.total })}
      </h1>
      <div className="flex flex-col gap-2">
        <p role="status" data-testid="batch-status" className="text-slate-800">
          {t(`status.${b.status}`)} · {t('progress', { done: b.done, total: b.total })}
        </p>
        <progress
          value={b.done}
          max={Math.max(1, b.total)}
          aria-label={t('progressLabel')}
          className="h-3 w-full"
        />
      </div>
      {b.status === 'failed' ? (
        <p role="alert" className="text-red-800">
          {t('failed')}
        </p>
      ) : null}
      {b.status === 'completed' ? (
        <DownloadLinks
          label={t('export')}
          href={(format) => `/batches/${b.id}/export?format=${format}`}
        />
      ) : null}
      {rows.length > 0 ? <ResultsTable rows={rows} /> : null}
    </div>
  );
}
