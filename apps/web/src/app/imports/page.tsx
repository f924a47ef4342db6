import { IMPORT_KINDS, type Import, ImportPageSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { uploadImportAction } from '../../actions/imports';
import { trackImportAction } from '../../actions/tracking';
import { buttonClass, Field, FormError, SelectField } from '../../components/field';
import { RefreshWhile } from '../../components/refresh-while';
import { apiFetch } from '../../lib/api';
import { apiErrorText } from '../../lib/api-error-text';
import { currentAccount } from '../../lib/session';

type Params = Promise<Record<string, string | string[] | undefined>>;

/**
 * Reports sellers already have (Amazon Brand Analytics, Google Keyword Planner, any
 * keyword,platform,volume CSV): upload one, follow its import (the list refreshes itself while
 * one runs, without resetting the form), see what was imported or why not, and track its keywords.
 */
export default async function ImportsPage({ searchParams }: { searchParams: Params }) {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/imports');
  const t = await getTranslations('imports');
  const format = await getFormatter();
  const error = (await searchParams).error;
  const page = await apiFetch('/api/v1/imports?limit=20', ImportPageSchema);
  const imports = page.ok ? page.data.data : [];
  const running = imports.some((i) => i.status === 'queued' || i.status === 'running');
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="flex flex-col gap-8">
      <RefreshWhile active={running} />
      <div className="flex max-w-2xl flex-col gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
        <p className="text-slate-700">{t('lead')}</p>
        <FormError message={typeof error === 'string' ? error : undefined} />
        {page.ok ? null : <FormError message={await apiErrorText(page)} />}
        <form action={uploadImportAction} className="flex flex-col gap-4">
          <SelectField
            id="import-kind"
            name="kind"
            label={t('kind')}
            options={IMPORT_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
          />
          <Field
            id="import-marketplace"
            name="marketplace"
            label={t('marketplace')}
            hint={t('marketplaceHint')}
            defaultValue="US"
            maxLength={2}
            required
          />
          <Field
            id="import-file"
            name="file"
            type="file"
            label={t('file')}
            hint={t('fileHint')}
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            required
          />
          <button type="submit" className={buttonClass}>
            {t('upload')}
          </button>
        </form>
      </div>
      <section aria-labelledby="imports-heading" className="flex flex-col gap-3">
        <h2 id="imports-heading" className="text-lg font-semibold">
          {t('yours')}
        </h2>
        {imports.length === 0 ? (
          <p className="text-slate-700">{t('none')}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {imports.map((item) => (
              <ImportItem key={item.id} item={item} when={when} t={t} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function ImportItem({
  item,
  when,
  t,
}: {
  item: Import;
  when: (iso: string) => string;
  t: Awaited<ReturnType<typeof getTranslations<'imports'>>>;
}) {
  const name = item.filename ?? t('unnamed', { id: item.id });
  return (
    <li
      data-testid="import-row"
      className="flex flex-col gap-2 rounded-md border border-slate-300 bg-white p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-medium text-slate-900">{name}</p>
        <p className="text-sm text-slate-600">
          {t(`kinds.${item.kind}`)} · {item.marketplace} · {when(item.createdAt)}
        </p>
      </div>
      <p data-testid="import-status" role="status" className="text-slate-800">
        {t(`status.${item.status}`)}
        {item.status === 'completed'
          ? ` · ${t('counts', { imported: item.imported, skipped: item.skippedCount })}`
          : null}
      </p>
      {item.status === 'queued' || item.status === 'running' ? (
        <progress
          value={item.progress}
          max={100}
          aria-label={t('progressLabel', { name })}
          className="h-3 w-full"
        />
      ) : null}
      {item.error ? (
        <p className="text-sm text-red-800">
          {item.error.message}
          {item.error.details?.length
            ? ` ${item.error.details
                .slice(0, 3)
                .map((d) => t('line', { line: d.line, message: d.message }))
                .join(' ')}`
            : null}
        </p>
      ) : null}
      {item.skipped.length > 0 ? (
        <details className="text-sm text-slate-700">
          <summary>{t('skippedLines', { count: item.skippedCount })}</summary>
          <ul className="mt-1 list-disc pl-5">
            {item.skipped.slice(0, 20).map((s) => (
              <li key={s.line}>{t('line', { line: s.line, message: s.message })}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {item.status === 'completed' && item.imported > 0 ? (
        <form action={trackImportAction}>
          <input type="hidden" name="importId" value={item.id} />
          <button type="submit" className="text-sm text-indigo-800 underline">
            {t('track')}
          </button>
        </form>
      ) : null}
    </li>
  );
}
