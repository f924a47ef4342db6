import { OAuthProvidersSchema } from '@digitallz/contracts';
import { getTranslations } from 'next-intl/server';
import { env } from '../env';
import { apiFetch } from '../lib/api';

/** "Continue with Google / GitHub" for the providers the API has configured. */
export async function OAuthButtons({ returnTo }: { returnTo: string }) {
  const t = await getTranslations('auth');
  const providers = await apiFetch('/api/v1/auth/oauth/providers', OAuthProvidersSchema);
  if (!providers.ok || providers.data.data.length === 0) return null;
  const base = env.PUBLIC_API_URL ?? 'http://localhost:4000';
  return (
    <div className="flex flex-col gap-2">
      <p className="text-center text-sm text-slate-600">{t('or')}</p>
      {providers.data.data.map((provider) => (
        <a
          key={provider}
          href={`${base}/api/v1/auth/oauth/${provider}/start?returnTo=${encodeURIComponent(returnTo)}`}
          className="flex h-11 items-center justify-center rounded-md border border-slate-400 bg-white font-medium text-slate-900 hover:bg-slate-50"
        >
          {provider === 'google' ? t('withGoogle') : t('withGithub')}
        </a>
      ))}
    </div>
  );
}
