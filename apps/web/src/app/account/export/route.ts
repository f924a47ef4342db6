import { proxyDownload } from '../../../lib/proxy-download';

/** The GDPR export, downloaded through the web app with the visitor's session. */
export async function GET() {
  return proxyDownload('/api/v1/account/export');
}
