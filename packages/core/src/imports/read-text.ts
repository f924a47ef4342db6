/** Bytes decoded at a time. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Decodes an uploaded report by its byte-order mark: Google Keyword Planner writes UTF-16 (little
 * endian) with a BOM; everything else here is UTF-8, with or without one. A piece at a time, so
 * that a 50 MB upload never becomes one string of 50 MB or more.
 */
export function* readText(bytes: Uint8Array): Generator<string> {
  const [encoding, start] =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? ['utf-16le', 2]
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? ['utf-16be', 2]
        : ['utf-8', 0];
  const decoder = new TextDecoder(encoding);
  let first = true;
  for (let at = start; at < bytes.length; at += CHUNK_BYTES) {
    let text = decoder.decode(bytes.subarray(at, at + CHUNK_BYTES), { stream: true });
    if (first && text.length > 0) {
      first = false;
      if (encoding === 'utf-8' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
