import type { NextRequest } from 'next/server';
import { proxyDownload } from '../../../../lib/proxy-download';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = request.nextUrl.searchParams.get('format') ?? 'csv';
  return proxyDownload(
    `/api/v1/lists/${encodeURIComponent(id)}/export?format=${encodeURIComponent(format)}`,
  );
}
