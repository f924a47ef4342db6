import type { KeywordSummary } from '@digitallz/contracts';
import { useTranslations } from 'next-intl';
import { GRID_COLUMNS } from '../lib/grid';
import { GridCell } from './grid-cell';

/**
 * With `selectFor`, each row gets a checkbox belonging to that form (bulk add to a list). With
 * `extra`, a column of its own after the keyword (a rising keyword's yearly change).
 */
export function ResultsTable<Row extends KeywordSummary>({
  rows,
  selectFor,
  extra,
}: {
  rows: Row[];
  selectFor?: string;
  extra?: { header: string; cell: (row: Row) => string };
}) {
  const t = useTranslations('results');
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
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
            {extra ? (
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                {extra.header}
              </th>
            ) : null}
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
              {extra ? (
                <td className="px-3 py-2 text-right tabular-nums" data-testid="extra-cell">
                  {extra.cell(row)}
                </td>
              ) : null}
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
