import { BillingSchema, PlansSchema, UsageSchema } from '@digitallz/contracts';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { billingAction, deleteAccountAction } from '../../actions/account';
import { buttonClass, Field, FormError } from '../../components/field';
import { TwoFactorSetup } from '../../components/two-factor-setup';
import { apiFetch } from '../../lib/api';
import { currentAccount } from '../../lib/session';

type Params = Promise<Record<string, string | string[] | undefined>>;

/** Profile, plan and quota use, billing through Stripe, 2FA, data export and deletion. */
export default async function AccountPage({ searchParams }: { searchParams: Params }) {
  const account = await currentAccount();
  if (!account) redirect('/sign-in?returnTo=/account');
  const t = await getTranslations('account');
  const error = (await searchParams).error;
  const [usage, billing, plans] = await Promise.all([
    apiFetch('/api/v1/account/usage', UsageSchema),
    apiFetch('/api/v1/billing', BillingSchema),
    apiFetch('/api/v1/plans', PlansSchema),
  ]);
  const card = 'flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4';
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
      <FormError message={typeof error === 'string' ? error : undefined} />
      <section className={card} aria-labelledby="profile">
        <h2 id="profile" className="text-lg font-semibold">
          {t('profile')}
        </h2>
        <p>
          {account.email} · {account.emailVerified ? t('verified') : t('notVerified')}
        </p>
      </section>
      <section className={card} aria-labelledby="plan">
        <h2 id="plan" className="text-lg font-semibold">
          {t('plan')}
        </h2>
        <p data-testid="current-plan">{t('currentPlan', { plan: account.plan })}</p>
        {usage.ok ? (
          <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
            {(['searchesPerDay', 'apiCallsPerMinute', 'apiCallsPerDay'] as const).map((q) => (
              <div key={q} className="flex flex-col">
                <dt className="text-slate-700">{t(`quota.${q}`)}</dt>
                <dd className="tabular-nums">
                  {usage.data[q].limit - usage.data[q].remaining} / {usage.data[q].limit}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        {billing.ok && billing.data.configured ? (
          <form action={billingAction} className="flex flex-wrap gap-2">
            {account.plan === 'free' ? (
              (['pro', 'business'] as const).map((plan) => (
                <button key={plan} type="submit" name="plan" value={plan} className={buttonClass}>
                  {t('upgrade', {
                    plan: plans.ok ? plans.data.data[plan].label : plan,
                    price: plans.ok ? plans.data.data[plan].priceMonthlyUsd : '',
                  })}
                </button>
              ))
            ) : (
              <button type="submit" className={buttonClass}>
                {t('manageBilling')}
              </button>
            )}
          </form>
        ) : (
          <p className="text-sm text-slate-700">{t('billingOff')}</p>
        )}
      </section>
      <section className={card} aria-labelledby="security">
        <h2 id="security" className="text-lg font-semibold">
          {t('security')}
        </h2>
        {account.twoFactorEnabled ? (
          <p>{t('twoFactorOn', { left: account.recoveryCodesLeft })}</p>
        ) : (
          <TwoFactorSetup />
        )}
      </section>
      <section className={card} aria-labelledby="connections">
        <h2 id="connections" className="text-lg font-semibold">
          {t('connections')}
        </h2>
        <p className="text-sm text-slate-700">{t('connectionsLead')}</p>
        <a
          href="/account/marketplaces"
          className="text-indigo-800 underline decoration-indigo-300 underline-offset-2"
        >
          {t('connectionsLink')}
        </a>
      </section>
      <section className={card} aria-labelledby="data">
        <h2 id="data" className="text-lg font-semibold">
          {t('data')}
        </h2>
        <a
          href="/account/export"
          className="text-indigo-800 underline decoration-indigo-300 underline-offset-2"
        >
          {t('export')}
        </a>
        <form
          action={deleteAccountAction}
          className="flex flex-col gap-3 border-t border-slate-200 pt-3"
        >
          <p className="text-sm text-slate-700">{t('deleteLead')}</p>
          <Field
            id="delete-password"
            name="password"
            type="password"
            label={t('password')}
            autoComplete="current-password"
          />
          <Field
            id="delete-confirm"
            name="confirm"
            label={t('confirmDelete')}
            required
            pattern="DELETE"
          />
          <button
            type="submit"
            className="h-11 rounded-md bg-red-700 px-5 font-medium text-white hover:bg-red-800"
          >
            {t('delete')}
          </button>
        </form>
      </section>
    </div>
  );
}
