import { KeywordListsSchema } from '@digitallz/contracts';
import { getTranslations } from 'next-intl/server';
import { addToListAction } from '../actions/lists';
import { trackSelectedAction } from '../actions/tracking';
import { apiFetch } from '../lib/api';
import { buttonClass } from './field';

/** Below a results table: add the ticked rows to one of your lists, or to a new one. */
export async function AddToListForm({ id }: { id: string }) {
  const t = await getTranslations('lists');
  const tt = await getTranslations('tracking');
  const lists = await apiFetch('/api/v1/lists', KeywordListsSchema);
  const existing = lists.ok ? lists.data.data : [];
  return (
    <form id={id} action={addToListAction} className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex flex-col gap-1">
        <label htmlFor="listId" className="text-sm font-medium text-slate-800">
          {t('addTo')}
        </label>
        <select
          id="listId"
          name="listId"
          className="h-11 rounded-md border border-slate-400 bg-white px-3"
        >
          {existing.map((list) => (
            <option key={list.id} value={list.id}>
              {list.name} ({list.keywordCount})
            </option>
          ))}
          <option value="">{t('newListOption')}</option>
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="newList" className="text-sm font-medium text-slate-800">
          {t('newListName')}
        </label>
        <input
          id="newList"
          name="newList"
          maxLength={100}
          className="h-11 rounded-md border border-slate-400 bg-white px-3"
        />
      </div>
      <button type="submit" className={buttonClass}>
        {t('addSelected')}
      </button>
      <button
        type="submit"
        formAction={trackSelectedAction}
        className="h-11 rounded-md border border-indigo-700 px-5 font-medium text-indigo-800 hover:bg-indigo-50"
      >
        {tt('trackSelected')}
      </button>
    </form>
  );
}
