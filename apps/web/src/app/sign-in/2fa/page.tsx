import { getTranslations } from 'next-intl/server';
import { TwoFactorForm } from '../../../components/two-factor-form';

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function TwoFactorPage({ searchParams }: { searchParams: Params }) {
  const params = await searchParams;
  const t = await getTranslations('auth');
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('twoFactorTitle')}</h1>
      <p className="text-slate-700">{t('twoFactorLead')}</p>
      <TwoFactorForm
        challenge={typeof params.challenge === 'string' ? params.challenge : ''}
        returnTo={typeof params.returnTo === 'string' ? params.returnTo : '/'}
      />
    </div>
  );
}
