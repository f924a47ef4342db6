import { getTranslations } from 'next-intl/server';
import { AuthForm } from '../../components/auth-form';
import { FormError } from '../../components/field';
import { OAuthButtons } from '../../components/oauth-buttons';

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Params }) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  const returnTo = typeof params.returnTo === 'string' ? params.returnTo : '/';
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('signInTitle')}</h1>
      {typeof params.error === 'string' ? <FormError message={t('oauthError')} /> : null}
      {params.reset ? <p role="status">{t('resetDone')}</p> : null}
      <AuthForm mode="sign-in" returnTo={returnTo} />
      <a
        href="/forgot-password"
        className="text-sm text-indigo-800 underline decoration-indigo-300 underline-offset-2"
      >
        {t('forgot')}
      </a>
      <OAuthButtons returnTo={returnTo} />
      <p className="text-sm text-slate-700">
        {t('noAccount')}{' '}
        <a href="/sign-up" className="font-medium text-indigo-800 underline">
          {(await getTranslations('nav'))('signUp')}
        </a>
      </p>
    </div>
  );
}
