import { getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '../../components/password-forms';

export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('forgotTitle')}</h1>
      <ForgotPasswordForm />
    </div>
  );
}
