import { getTranslations } from 'next-intl/server';
import { AuthForm } from '../../components/auth-form';
import { OAuthButtons } from '../../components/oauth-buttons';

export default async function SignUpPage() {
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('signUpTitle')}</h1>
      <AuthForm mode="sign-up" returnTo="/" />
      <OAuthButtons returnTo="/" />
      <p className="text-sm text-slate-700">
        {t('haveAccount')}{' '}
        <a href="/sign-in" className="font-medium text-indigo-800 underline">
          {(await getTranslations('nav'))('signIn')}
        </a>
      </p>
    </div>
  );
}
