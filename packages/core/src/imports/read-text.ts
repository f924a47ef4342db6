import type { Pieces } from './types';

/** Bytes decoded at a time. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Decodes an uploaded report by its byte-order mark: Google Keyword Planner writes UTF-16 (little
 * endian) with a BOM; everything else here is UTF-8, with or without one. A piece at a time, so
 * that a 50 MB upload never becomes one string of 50 MB or more. The bytes come whole or in
 * pieces of any size (an upload read back from storage); characters cut between two are decoded
 * whole.
 */
export async function* readText(source: Uint8Array | Pieces<Uint8Array>): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let utf8 = false;
  let first = true;
  /** The first bytes, while too few to tell the encoding by. */
  let head: Uint8Array = new Uint8Array(0);
  /** The text as it is yielded: a UTF-8 byte-order mark dropped, nothing empty. */
  function* emit(text: string): Generator<string> {
    if (first && text.length > 0) {
      first = false;
      if (utf8 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) yield text;
  }
  function* decode(bytes: Uint8Array): Generator<string> {
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES)
      yield* emit(
        (decoder as InstanceType<typeof TextDecoder>).decode(bytes.subarray(at, at + CHUNK_BYTES), {
          stream: true,
        }),
      );
  }
  for await (const chunk of source instanceof Uint8Array ? [source] : source) {
    let bytes = chunk;
    if (!decoder) {
      bytes = head.length > 0 ? concat(head, chunk) : chunk;
      if (bytes.length < 2) {
        head = bytes;
        continue;
      }
      const [encoding, start] = encodingOf(bytes);
      decoder = new TextDecoder(encoding);
      utf8 = encoding === 'utf-8';
      bytes = bytes.subarray(start);
    }
    yield* decode(bytes);
  }
  if (!decoder) {
    // A file of fewer than two bytes.
    decoder = new TextDecoder('utf-8');
    utf8 = true;
    yield* decode(head);
  }
  yield* emit(decoder.decode());
}

/** The encoding its byte-order mark gives, and where the text starts. */
function encodingOf(bytes: Uint8Array): [string, number] {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return ['utf-16le', 2];
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return ['utf-16be', 2];
  return ['utf-8', 0];
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
}
