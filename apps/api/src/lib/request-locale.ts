import type { FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';

/** The languages answers can be written in, the first the default. */
const LANGUAGES = ['en', 'fr'];

/**
 * The language of an answer that has words for people (notifications): the one `Accept-Language`
 * prefers among ours, weights honoured, else English. The answer says which it is and that it
 * varies with the header (for caches in between).
 */
export function requestLocale(request: FastifyRequest, reply: FastifyReply): string {
  const locale =
    new Negotiator({ headers: { 'accept-language': request.headers['accept-language'] } }).language(
      LANGUAGES,
    ) ?? 'en';
  reply.header('content-language', locale).header('vary', 'accept-language');
  return locale;
}
