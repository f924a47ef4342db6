'use client';

import { useTranslations } from 'next-intl';
import type { GridFilters } from '../lib/grid';

const NUMBERS = [
  ['minVolume', 0, undefined, 1],
  ['minYearlyChange', -100, undefined, 1],
  ['maxCompetition', 0, 1, 0.05],
  ['maxDifficulty', 0, 100, 1],
  ['minOpportunity', 0, 100, 1],
  ['maxWords', 1, 20, 1],
] as const;

/** The results grid's filters, applied as they are typed. */
export function GridFiltersForm({
  filters,
  onChange,
}: {
  filters: GridFilters;
  onChange: (filters: GridFilters) => void;
}) {
  const t = useTranslations('grid');
  const set = (key: keyof GridFilters, value: string) => {
    const next = { ...filters };
    if (value.trim() === '') delete next[key];
    else if (key === 'includes' || key === 'excludes') next[key] = value;
    else if (Number.isFinite(Number(value))) next[key] = Number(value);
    onChange(next);
  };
  return (
    <details className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">{t('filters')}</summary>
      <div className="mt-2 grid grid-cols-1 gap-2 sm:grid-cols-2">
        {NUMBERS.map(([key, min, max, step]) => (
          <label key={key} className="flex flex-col gap-1">
            {t(key)}
            <input
              type="number"
              min={min}
              max={max}
              step={step}
              value={filters[key] ?? ''}
              onChange={(e) => set(key, e.target.value)}
              className="h-9 rounded border border-slate-400 px-2"
            />
          </label>
        ))}
        {(['includes', 'excludes'] as const).map((key) => (
          <label key={key} className="flex flex-col gap-1">
            {t(key)}
            <input
              type="text"
              value={filters[key] ?? ''}
              onChange={(e) => set(key, e.target.value)}
              className="h-9 rounded border border-slate-400 px-2"
            />
          </label>
        ))}
        <button
          type="button"
          onClick={() => onChange({})}
          className="h-9 self-end rounded border border-slate-300 px-3 hover:bg-slate-100"
        >
          {t('clear')}
        </button>
      </div>
    </details>
  );
}
