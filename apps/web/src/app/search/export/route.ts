import type { NextRequest } from 'next/server';
import { FILTER_NAMES } from '../../../lib/grid';
import { proxyDownload } from '../../../lib/proxy-download';

/**
 * Every match of a search as CSV, XLSX or JSON, with the grid's filters, streamed from the API as
 * the visitor.
 */
export async function GET(request: NextRequest) {
  const params = new URLSearchParams();
  for (const name of ['q', 'platform', 'marketplace', 'format'])
    params.set(name, request.nextUrl.searchParams.get(name) ?? '');
  if (!params.get('marketplace')) params.delete('marketplace');
  if (!params.get('format')) params.set('format', 'csv');
  // The results grid's filters (`filterParams`) and order (`exportSort`), passed on as they
  // are: the API validates them.
  for (const name of [...FILTER_NAMES, 'sort']) {
    const value = request.nextUrl.searchParams.get(name);
    if (value) params.set(name, value);
  }
  return proxyDownload(`/api/v1/keywords/search/export?${params}`);
}
