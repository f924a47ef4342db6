import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Digitallz: keyword research for Amazon, Etsy and eBay sellers',
  description:
    'Find the keywords buyers type on Amazon, Etsy and eBay, with search volume, competition and CPC.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-6xl items-center justify-between px-4 py-3">
            <a href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
              Digitallz
            </a>
            <span className="text-sm text-slate-600">Keyword research for marketplace sellers</span>
          </div>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
