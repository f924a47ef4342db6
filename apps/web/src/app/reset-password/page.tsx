import { getTranslations } from 'next-intl/server';
import { ResetPasswordForm } from '../../components/password-forms';

type Params = Promise<Record<string, string | string[] | undefined>>;

/** Where the reset email's link lands. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Params }) {
  const token = (await searchParams).token;
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('resetTitle')}</h1>
      <ResetPasswordForm token={typeof token === 'string' ? token : ''} />
    </div>
  );
}
