import { OkSchema } from '@digitallz/contracts';
import { getTranslations } from 'next-intl/server';
import { apiFetch } from '../../lib/api';

type Params = Promise<Record<string, string | string[] | undefined>>;

/** Where the verification email's link lands: confirms the address with its one-time token. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Params }) {
  const token = (await searchParams).token;
  const t = await getTranslations('auth');
  const result =
    typeof token === 'string'
      ? await apiFetch('/api/v1/auth/verify-email', OkSchema, { method: 'POST', body: { token } })
      : null;
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">{t('verifyTitle')}</h1>
      <p role="status" data-testid="verify-result">
        {result?.ok ? t('verified') : t('verifyFailed')}
      </p>
      <a href="/" className="text-indigo-800 underline decoration-indigo-300 underline-offset-2">
        {t('continue')}
      </a>
    </div>
  );
}
