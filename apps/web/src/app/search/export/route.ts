import type { NextRequest } from 'next/server';
import { proxyDownload } from '../../../lib/proxy-download';

/** Every match of a search as CSV, XLSX or JSON, streamed from the API as the visitor. */
export async function GET(request: NextRequest) {
  const params = new URLSearchParams();
  for (const name of ['q', 'platform', 'marketplace', 'format'])
    params.set(name, request.nextUrl.searchParams.get(name) ?? '');
  if (!params.get('marketplace')) params.delete('marketplace');
  if (!params.get('format')) params.set('format', 'csv');
  return proxyDownload(`/api/v1/keywords/search/export?${params}`);
}
