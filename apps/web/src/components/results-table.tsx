import type { KeywordSummary } from '@digitallz/contracts';
import { useTranslations } from 'next-intl';
import { alignRight, GRID_COLUMNS } from '../lib/grid';
import { GridCell } from './grid-cell';

/**
 * With `selectFor`, each row gets a checkbox belonging to that form (bulk add to a list); with
 * `caption`, the table's name for assistive technology (a page of several tables names each).
 */
export function ResultsTable({
  rows,
  selectFor,
  caption,
}: {
  rows: KeywordSummary[];
  selectFor?: string;
  caption?: string;
}) {
  const t = useTranslations('results');
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption ?? t('caption')}</caption>
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
            {GRID_COLUMNS.map((column) => (
              <th
                key={column}
                scope="col"
                className={`px-3 py-2 font-semibold ${alignRight(column) ? 'text-right' : ''}`}
              >
                {t(column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
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
              <GridCell row={row} column="keyword" />
              {GRID_COLUMNS.map((column) => (
                <GridCell key={column} row={row} column={column} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
