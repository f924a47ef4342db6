import type { RelatedKeywords } from '@digitallz/contracts';
import { type Db, queryRows, sql } from '@digitallz/db';
import type { Cache } from '../cache';
import { clusterKeywords } from '../intelligence/related/cluster-keywords';
import { findRelated } from '../intelligence/related/find-related';
import { STOPWORDS } from '../intelligence/related/tokens';
import { fetchVersioned } from './data-version';
import { DETAIL_CACHE_TTL_SECONDS } from './get-keyword';
import type { KeywordTarget } from './load-keyword';
import { escapeLike, normalizeKeyword } from './normalize-keyword';

/** Candidates read per request: the most searched keywords sharing a word with the seed (sort index of migration 0007). */
const CANDIDATES = 500;

type Row = {
  keyword: string;
  search_volume: number | null;
  difficulty: number | null;
  opportunity: number | null;
};

type RankedRelated = RelatedKeywords['data'];

/**
 * Every request for this many related keywords or fewer reads the same ranked list of this many:
 * the keyword page's 12, the API's default 50 and the listing help's draw (60) share one read of
 * the candidates. Ranking all of them up to the API's most (200) would cost each one more.
 */
export const RELATED_SHARED = 60;

/**
 * Keywords related to a seed on one platform (longer tails, the seed with a modifier, keywords
 * sharing its topic words), best first, and the same keywords grouped into named topics.
 */
export async function findRelatedKeywords(
  deps: { db: Db; cache: Cache },
  target: KeywordTarget & { limit: number },
): Promise<RelatedKeywords> {
  const seed = normalizeKeyword(target.keyword);
  const data = (await rankRelatedKeywords(deps, target, target.limit)).slice(0, target.limit);
  return {
    keyword: seed,
    platform: target.platform,
    marketplace: target.marketplace,
    data,
    clusters: clusterKeywords(
      data.map((r) => ({ keyword: r.keyword, volume: r.searchVolume ?? 0 })),
    ),
  };
}

/**
 * The related keywords of a seed, best first: `RELATED_SHARED` of them for any `limit` up to that
 * (one read of the candidates serves them all), else `limit`.
 */
export async function rankRelatedKeywords(
  deps: { db: Db; cache: Cache },
  target: KeywordTarget,
  limit = RELATED_SHARED,
): Promise<RankedRelated> {
  const seed = normalizeKeyword(target.keyword);
  const kept = Math.max(limit, RELATED_SHARED);
  return fetchVersioned(
    deps.cache,
    target.platform,
    (version) =>
      `kw:related:v3:${target.platform}:${version}:${target.marketplace}:${kept}:${seed}`,
    async () => {
      const words = seedWords(seed);
      // The walk of the volume index tests each keyword it passes (often thousands for 500
      // candidates): a substring test first, which every keyword holding one of the words passes,
      // spares the split into words for most of those that hold none (a CASE keeps the order).
      const rows = words.length
        ? await queryRows<Row>(
            deps.db,
            sql`select keyword, search_volume, difficulty, opportunity from keyword_data k
                where k.platform = ${target.platform} and k.marketplace = ${target.marketplace}
                  and case when k.keyword like any(${sql.param(containing(words))}::text[])
                    then string_to_array(k.keyword, ' ') && ${sql.param(words)}::text[] else false end
                order by (coalesce(k.search_volume, -1)::float8) desc, k.id
                limit ${CANDIDATES}`,
          )
        : [];
      const byKeyword = new Map(rows.map((r) => [r.keyword, r]));
      const related = findRelated(
        seed,
        // One shape for every candidate (a spread of an optional field made two, and cost more).
        rows.map((r) => ({
          keyword: r.keyword,
          volume: r.search_volume ?? 0,
          opportunity: r.opportunity ?? undefined,
        })),
        kept,
      );
      return related.map((r) => {
        const row = byKeyword.get(r.keyword);
        return {
          keyword: r.keyword,
          relation: r.relation,
          closeness: r.closeness,
          score: r.score,
          searchVolume: row?.search_volume ?? null,
          difficulty: row?.difficulty ?? null,
          opportunity: row?.opportunity ?? null,
        };
      });
    },
    DETAIL_CACHE_TTL_SECONDS,
  );
}

/**
 * LIKE patterns that a keyword matches whenever it holds one of `words`: one per word that holds
 * none of the others ("planner" for "planner" and "planners").
 */
export function containing(words: string[]): string[] {
  const needles = words.filter((w) => !words.some((o) => o !== w && w.includes(o)));
  return needles.map((w) => `%${escapeLike(w)}%`);
}

/** The seed's topic words as typed, each with its plural or singular (the per-platform words indexes of migration 0012). */
function seedWords(seed: string): string[] {
  const words = seed.split(' ').filter((w) => w.length >= 2 && !STOPWORDS.has(w));
  const forms = words.flatMap((w) =>
    w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? [w, w.slice(0, -1)] : [w, `${w}s`],
  );
  return [...new Set(forms)].slice(0, 12);
}
