/** CSV, XLSX and JSON download links for an export route of the web app. */
export function DownloadLinks({
  label,
  href,
}: {
  label: string;
  href: (format: string) => string;
}) {
  return (
    <nav aria-label={label} className="flex gap-3 text-sm">
      <span className="font-medium text-slate-800">{label}:</span>
      {(['csv', 'xlsx', 'json'] as const).map((format) => (
        <a
          key={format}
          href={href(format)}
          className="text-indigo-800 underline decoration-indigo-300 underline-offset-2"
        >
          {format.toUpperCase()}
        </a>
      ))}
    </nav>
  );
}
