import { ApiKeysSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { revokeApiKeyAction } from '../../../actions/api-keys';
import { ConfirmSubmit } from '../../../components/confirm-submit';
import { CreateApiKeyForm } from '../../../components/create-api-key-form';
import { apiFetch } from '../../../lib/api';
import { currentAccount } from '../../../lib/session';

export default async function ApiKeysPage() {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/account/api-keys');
  const t = await getTranslations('apiKeys');
  const locale = await getLocale();
  const keys = await apiFetch('/api/v1/api-keys', ApiKeysSchema);
  const rows = keys.ok ? keys.data.data : [];
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="max-w-2xl text-slate-700">{t('lead')}</p>
      <CreateApiKeyForm />
      {rows.length === 0 ? (
        <p className="text-slate-700">{t('none')}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-300 text-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  {t('name')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('prefix')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('scopes')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('status')}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t('lastUsed')}
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">{t('revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((key) => (
                <tr key={key.id} className="border-b border-slate-200">
                  <td className="py-2 pr-4 font-medium">{key.name}</td>
                  <td className="py-2 pr-4">
                    <code>{key.prefix}…</code>
                  </td>
                  <td className="py-2 pr-4">{key.scopes.join(', ')}</td>
                  <td className="py-2 pr-4" data-testid="api-key-status">
                    {t(key.status)}
                  </td>
                  <td className="py-2 pr-4">
                    {key.lastUsedAt ? new Date(key.lastUsedAt).toLocaleString(locale) : t('never')}
                  </td>
                  <td className="py-2">
                    {key.status === 'active' ? (
                      <form action={revokeApiKeyAction}>
                        <input type="hidden" name="id" value={key.id} />
                        <ConfirmSubmit
                          label={`${t('revoke')} ${key.name}`}
                          title={t('revokeTitle', { name: key.name })}
                          description={t('revokeBody')}
                          confirm={t('revoke')}
                          cancel={t('cancel')}
                          className="rounded-md border border-red-400 px-3 py-1 text-red-800 hover:bg-red-50"
                        >
                          {t('revoke')}
                        </ConfirmSubmit>
                      </form>
                    ) : null}
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
