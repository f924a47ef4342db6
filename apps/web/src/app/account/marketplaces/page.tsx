import { ConnectionsSchema, PLATFORM_LABELS, type Platform } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import {
  connectMarketplaceAction,
  disconnectMarketplaceAction,
} from '../../../actions/marketplaces';
import { buttonClass, Field, FormError } from '../../../components/field';
import { apiFetch } from '../../../lib/api';
import { currentAccount } from '../../../lib/session';

/** The credentials each marketplace takes (the API checks which combinations are enough). */
const FIELDS: Record<Platform, string[]> = {
  etsy: ['etsyApiKey'],
  ebay: ['ebayClientId', 'ebayClientSecret'],
  amazon: ['spApiAccessToken', 'adsClientId', 'adsAccessToken', 'adsProfileId', 'adsAsin'],
};

export default async function MarketplacesPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; saved?: string; removed?: string }>;
}) {
  if (!(await currentAccount())) redirect('/sign-in?returnTo=/account/marketplaces');
  const { error, saved } = await searchParams;
  const t = await getTranslations('marketplaces');
  const connections = await apiFetch('/api/v1/account/marketplaces', ConnectionsSchema);
  const byPlatform = new Map(
    (connections.ok ? connections.data.data : []).map((c) => [c.platform, c]),
  );
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <p className="max-w-3xl text-slate-700">{t('lead')}</p>
      <FormError message={error} />
      {saved ? (
        <p role="status" className="text-emerald-800">
          {t('saved', { platform: PLATFORM_LABELS[saved as Platform] ?? saved })}
        </p>
      ) : null}
      {(Object.keys(FIELDS) as Platform[]).map((platform) => {
        const connection = byPlatform.get(platform);
        return (
          <section
            key={platform}
            aria-labelledby={`mp-${platform}`}
            className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
            data-testid={`marketplace-${platform}`}
          >
            <h2 id={`mp-${platform}`} className="text-lg font-semibold">
              {PLATFORM_LABELS[platform]}
            </h2>
            <p className="text-sm text-slate-700">
              {connection
                ? t('connected', { fields: connection.fields.join(', '), hint: connection.hint })
                : t('notConnected')}
            </p>
            <form
              action={connectMarketplaceAction}
              className="grid grid-cols-1 gap-3 sm:grid-cols-2"
            >
              <input type="hidden" name="platform" value={platform} />
              {FIELDS[platform].map((field) => (
                <Field
                  key={field}
                  id={`${platform}-${field}`}
                  name={field}
                  label={t(`fields.${field}`)}
                  type={field === 'adsProfileId' || field === 'adsAsin' ? 'text' : 'password'}
                  autoComplete="off"
                />
              ))}
              <button type="submit" className={`${buttonClass} self-end`}>
                {connection ? t('replace') : t('connect')}
              </button>
            </form>
            {connection ? (
              <form action={disconnectMarketplaceAction}>
                <input type="hidden" name="platform" value={platform} />
                <button type="submit" className="text-sm text-red-800 underline">
                  {t('disconnect')}
                </button>
              </form>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
