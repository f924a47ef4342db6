/**
 * A short, log-safe view of an error: its type, the first line of its message and the codes of
 * its causes. Database errors carry their whole query and parameters; logs get none of that.
 */
export function summarizeError(error: unknown): { type: string; message: string; codes: string[] } {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  const root = error instanceof Error ? error : new Error(String(error));
  const cause = root.cause instanceof Error ? `: ${root.cause.message}` : '';
  const firstLine = (root.message.split('\n')[0] ?? '').slice(0, 200);
  return { type: root.name, message: `${firstLine}${cause}`.slice(0, 400), codes };
}
