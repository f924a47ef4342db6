import { useFormatter, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/**
 * A keyword's change in a year: whole percents, ▲/▼ and green/red beyond ±10% a year (within it a
 * keyword is flat, as its trend's direction says), "—" while unknown; its colour and its title.
 */
function useYearlyChange(value: number | null): { style: string; title: string; text: ReactNode } {
  const t = useTranslations('results');
  const format = useFormatter();
  const change = value === null ? null : Math.round(value);
  const style =
    change === null || Math.abs(change) <= 10
      ? 'text-slate-600'
      : change > 0
        ? 'text-emerald-800'
        : 'text-red-800';
  if (change === null) return { style, title: t('trendUnknown'), text: '—' };
  return {
    style,
    title: t('trendTitle'),
    text: (
      <>
        {Math.abs(change) > 10 ? <span aria-hidden="true">{change > 0 ? '▲ ' : '▼ '}</span> : null}
        {format.number(change / 100, { style: 'percent', signDisplay: 'exceptZero' })}
      </>
    ),
  };
}

/** The yearly change as a table cell (the Trend column). */
export function YearlyChangeCell({
  value,
  className,
}: {
  value: number | null;
  className: string;
}) {
  const { style, title, text } = useYearlyChange(value);
  return (
    <td className={`${className} ${style}`} title={title} data-column="trend">
      {text}
    </td>
  );
}

/** The yearly change within a line of text (a related keyword's, beside its volume). */
export function YearlyChangeText({ value }: { value: number | null }) {
  const { style, title, text } = useYearlyChange(value);
  return (
    <span className={`tabular-nums ${style}`} title={title} data-column="trend">
      {text}
    </span>
  );
}
