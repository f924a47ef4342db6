import { useFormatter, useTranslations } from 'next-intl';

/**
 * A keyword's change in a year as a table cell: whole percents, ▲/▼ and green/red beyond ±10% a
 * year (within it a keyword is flat, as its trend's direction says), "—" while unknown.
 */
export function YearlyChangeCell({
  value,
  className,
}: {
  value: number | null;
  className: string;
}) {
  const t = useTranslations('results');
  const format = useFormatter();
  const change = value === null ? null : Math.round(value);
  const style =
    change === null || Math.abs(change) <= 10
      ? 'text-slate-600'
      : change > 0
        ? 'text-emerald-800'
        : 'text-red-800';
  return (
    <td
      className={`${className} ${style}`}
      title={change === null ? t('trendUnknown') : t('trendTitle')}
      data-column="trend"
    >
      {change === null ? (
        '—'
      ) : (
        <>
          {Math.abs(change) > 10 ? (
            <span aria-hidden="true">{change > 0 ? '▲ ' : '▼ '}</span>
          ) : null}
          {format.number(change / 100, { style: 'percent', signDisplay: 'exceptZero' })}
        </>
      )}
    </td>
  );
}
