import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const config: NextConfig = {
  transpilePackages: ['@digitallz/contracts'],
  poweredByHeader: false,
  // Uploaded reports (the imports page) go up to the API's 50 MB, plus the form around them.
  experimental: {
    serverActions: { bodySizeLimit: '51mb' },
    proxyClientMaxBodySize: '51mb',
  },
  // Loaded by instrumentation.ts on the Node.js server only, never bundled.
  serverExternalPackages: [
    '@opentelemetry/api',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/resources',
    '@opentelemetry/sdk-trace-node',
  ],
  // Types are checked by `npm test` (tsc); the build does not check them again.
  typescript: { ignoreBuildErrors: true },
};

export default createNextIntlPlugin('./src/i18n/request.ts')(config);
