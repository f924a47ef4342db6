import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { createBatchAction } from '../../actions/batches';
import { buttonClass, FormError } from '../../components/field';
import { PlatformSelect } from '../../components/platform-select';
import { currentAccount } from '../../lib/session';

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function BatchesPage({ searchParams }: { searchParams: Params }) {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/batches');
  const t = await getTranslations('batches');
  const error = (await searchParams).error;
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="text-slate-700">{t('lead')}</p>
      <FormError message={typeof error === 'string' ? error : undefined} />
      <form action={createBatchAction} className="flex flex-col gap-4">
        <PlatformSelect id="batch-platform" label={t('platform')} />
        <div className="flex flex-col gap-1">
          <label htmlFor="batch-keywords" className="text-sm font-medium text-slate-800">
            {t('keywords')}
          </label>
          <textarea
            id="batch-keywords"
            name="keywords"
            rows={10}
            required
            className="rounded-md border border-slate-400 bg-white p-3"
          />
        </div>
        <button type="submit" className={buttonClass}>
          {t('start')}
        </button>
      </form>
    </div>
  );
}
