import { getTranslations } from 'next-intl/server';

/** Every page that does not exist (an unknown path, keyword, list or batch), in the site's frame. */
export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <section className="flex flex-col gap-3 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">{t('notFoundTitle')}</h1>
      <p className="text-slate-700">{t('notFoundLead')}</p>
      <p>
        <a href="/" className="font-medium text-indigo-700 underline">
          {t('notFoundBack')}
        </a>
      </p>
    </section>
  );
}
