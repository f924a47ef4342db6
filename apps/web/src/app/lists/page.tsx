import { KeywordListsSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { createListAction } from '../../actions/lists';
import { buttonClass, Field, FormError } from '../../components/field';
import { apiFetch } from '../../lib/api';
import { currentAccount } from '../../lib/session';

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function ListsPage({ searchParams }: { searchParams: Params }) {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/lists');
  const t = await getTranslations('lists');
  const error = (await searchParams).error;
  const lists = await apiFetch('/api/v1/lists', KeywordListsSchema);
  const rows = lists.ok ? lists.data.data : [];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <FormError message={typeof error === 'string' ? error : undefined} />
      <form action={createListAction} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <Field id="list-name" name="name" label={t('name')} required maxLength={100} />
        <button type="submit" className={buttonClass}>
          {t('create')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="text-slate-700">{t('none')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {rows.map((list) => (
            <li key={list.id} className="flex justify-between gap-4 px-4 py-3">
              <a
                href={`/lists/${list.id}`}
                className="font-medium text-indigo-800 underline decoration-indigo-300 underline-offset-2"
              >
                {list.name}
              </a>
              <span className="text-slate-700">{t('count', { count: list.keywordCount })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
