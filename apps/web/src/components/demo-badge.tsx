import { useTranslations } from 'next-intl';

export function DemoBadge() {
  const t = useTranslations('demo');
  return (
    <span
      title={t('title')}
      className="inline-flex items-center whitespace-nowrap rounded-full border border-amber-300 bg-amber-100 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-amber-900"
    >
      {t('badge')}
    </span>
  );
}
