import type { KeywordSummary } from '@digitallz/contracts';
import { useTranslations } from 'next-intl';
import {
  competitionLevel,
  formatDate,
  formatMoney,
  formatRange,
  formatVolume,
} from '../lib/format';
import { DemoBadge } from './demo-badge';

const LEVEL_STYLE = {
  low: 'bg-emerald-100 text-emerald-900',
  medium: 'bg-lime-100 text-lime-900',
  high: 'bg-orange-100 text-orange-900',
  'very high': 'bg-red-100 text-red-900',
} as const;

/** With `selectFor`, each row gets a checkbox belonging to that form (bulk add to a list). */
export function ResultsTable({ rows, selectFor }: { rows: KeywordSummary[]; selectFor?: string }) {
  const t = useTranslations('results');
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t('caption')}</caption>
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            {selectFor ? (
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t('select')}</span>
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2 font-semibold">
              {t('keyword')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t('volume')}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t('competition')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              CPC
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t('difficulty')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t('opportunity')}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t('listings')}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t('updated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const level = competitionLevel(row.competition);
            return (
              <tr key={row.id} className="border-t border-slate-100" data-testid="keyword-row">
                {selectFor ? (
                  <td className="px-3 py-2">
                    <input
                      type="checkbox"
                      name="keyword"
                      form={selectFor}
                      value={JSON.stringify({
                        platform: row.platform,
                        marketplace: row.marketplace,
                        keyword: row.keyword,
                      })}
                      aria-label={t('selectRow', { keyword: row.keyword })}
                    />
                  </td>
                ) : null}
                <td className="px-3 py-2 font-medium">
                  <a
                    href={`/keywords/${row.platform}/${encodeURIComponent(row.keyword)}?marketplace=${row.marketplace}`}
                    className="mr-2 text-indigo-800 underline decoration-indigo-300 underline-offset-2 hover:decoration-indigo-800"
                  >
                    {row.keyword}
                  </a>
                  {row.isDemo ? <DemoBadge /> : null}
                </td>
                <td
                  className="px-3 py-2 text-right tabular-nums"
                  title={formatRange(row.volumeLow, row.volumeHigh)}
                >
                  {formatVolume(row.searchVolume)}
                </td>
                <td className="px-3 py-2">
                  {level ? (
                    <span
                      className={`rounded px-2 py-0.5 text-xs font-medium ${LEVEL_STYLE[level]}`}
                    >
                      {t(`levels.${level}`)}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(row.cpc)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{row.difficulty ?? '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">{row.opportunity ?? '—'}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {formatVolume(row.listingCount)}
                </td>
                <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                  {formatDate(row.lastUpdated)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
