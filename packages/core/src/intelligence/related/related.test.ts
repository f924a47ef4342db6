import { describe, expect, it } from 'vitest';
import { clusterKeywords } from './cluster-keywords';
import { findRelated } from './find-related';
import { diceSimilarity, topicTokens } from './tokens';

describe('topicTokens', () => {
  it('lemmatises and drops words without a topic', () => {
    expect(topicTokens('Invitations for the Wedding')).toEqual(['invitation', 'wedding']);
    expect(topicTokens('coloring pages, stories')).toEqual(['coloring', 'page', 'story']);
    // Stored keywords (plain lower-case words) take a faster path to the same tokens.
    expect(topicTokens('invitations for the wedding')).toEqual(['invitation', 'wedding']);
    expect(topicTokens('café menus 2026')).toEqual(['café', 'menu', '2026']);
  });

  it('measures string similarity', () => {
    expect(diceSimilarity('planner', 'planner')).toBe(1);
    expect(diceSimilarity('planner', 'planners')).toBeGreaterThan(0.8);
    expect(diceSimilarity('svg', 'budget')).toBe(0);
    // Repeated bigrams count as often as both strings hold them: "aa" twice in "aaa", once in "aa".
    expect(diceSimilarity('aaa', 'aa')).toBeCloseTo((2 * 1) / 3);
    expect(diceSimilarity('night', 'nacht')).toBeCloseTo(0.25);
  });
});

describe('clusterKeywords', () => {
  it('groups keywords into named topics, plural or not', () => {
    const clusters = clusterKeywords([
      { keyword: 'wedding invitation template', volume: 900 },
      { keyword: 'wedding invitations', volume: 2_000 },
      { keyword: 'printable wedding invitation', volume: 400 },
      { keyword: 'budget planner', volume: 1_500 },
      { keyword: 'monthly budget planner printable', volume: 300 },
      { keyword: 'budget planners', volume: 200 },
      { keyword: 'halloween svg', volume: 100 },
    ]);
    expect(clusters.map((c) => c.name)).toEqual([
      'wedding invitation',
      'budget planner',
      'halloween svg',
    ]);
    expect(clusters[0]?.keywords).toHaveLength(3);
    expect(clusters[0]?.volume).toBe(3_300);
    expect(clusters[1]?.keywords).toContain('budget planners');
  });
});

describe('findRelated', () => {
  it('ranks longer tails, then modifiers, then shared topics', () => {
    const related = findRelated('wedding invitation', [
      { keyword: 'wedding invitation template', volume: 500 },
      { keyword: 'printable wedding invitations', volume: 500 },
      { keyword: 'wedding planner', volume: 500 },
      { keyword: 'budget planner', volume: 50_000 },
      { keyword: 'wedding invitation', volume: 9_000 },
    ]);
    expect(related.map((r) => [r.keyword, r.relation])).toEqual([
      ['wedding invitation template', 'longer-tail'],
      ['printable wedding invitations', 'modifier'],
      ['wedding planner', 'shared-topic'],
    ]);
  });
});

describe('findRelated among keywords sharing some of the seed', () => {
  it('puts those sharing its rarer words first: the topic before the kind of product', () => {
    const templates = ['resume', 'invoice', 'menu', 'budget', 'canva', 'notion', 'lesson', 'flyer'];
    const related = findRelated('thanksgiving template', [
      ...templates.map((t, i) => ({ keyword: `${t} template`, volume: 9_000 - i * 100 })),
      { keyword: 'baby resume template', volume: 6_000 },
      { keyword: 'thanksgiving font', volume: 2_300 },
      { keyword: 'thanksgiving lesson plans', volume: 1_800 },
    ]);
    const rank = (keyword: string) => related.findIndex((r) => r.keyword === keyword);
    expect(rank('thanksgiving font')).toBe(0);
    expect(rank('thanksgiving lesson plans')).toBe(1);
    expect(rank('baby resume template')).toBeGreaterThan(1);
    expect(related.every((r) => r.relation === 'shared-topic')).toBe(true);
    const closeness = (keyword: string) => related.find((r) => r.keyword === keyword)?.closeness;
    expect(closeness('thanksgiving font')).toBeGreaterThan(0.5);
    expect(closeness('baby resume template')).toBeLessThan(0.5);
  });
});

describe('findRelated with a seed of stop words alone', () => {
  it('counts every other candidate as holding the seed (a modifier), as it always did', () => {
    const related = findRelated('for the', [
      { keyword: 'for the bride', volume: 100 },
      { keyword: 'wedding planner', volume: 50 },
    ]);
    expect(related.map((r) => r.relation)).toEqual(['longer-tail', 'modifier']);
  });
});

describe('findRelated with more candidates than it keeps', () => {
  it('keeps the same best candidates, in the same order, as ordering them all would', () => {
    // Scores repeat (volumes of a few values), so that the limit cuts through runs of ties.
    let state = 7;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
      return state / 2_147_483_648;
    };
    const words = ['wedding', 'invitation', 'template', 'printable', 'planner', 'boho', 'floral'];
    const candidates = Array.from({ length: 500 }, (_, i) => ({
      keyword: `${words[Math.floor(next() * words.length)]} ${words[Math.floor(next() * words.length)]} ${i}`,
      volume: [10, 100, 1_000][Math.floor(next() * 3)] as number,
      opportunity: next() < 0.3 ? Math.floor(next() * 5) * 10 : undefined,
    }));
    for (const limit of [1, 7, 50, 499, 500, 600]) {
      const all = findRelated('wedding invitation', candidates, 10_000);
      expect(findRelated('wedding invitation', candidates, limit)).toEqual(all.slice(0, limit));
    }
  });
});

describe('topicTokens memory', () => {
  it('keeps the keywords in use when it makes room for new ones', () => {
    const hot = 'hot keyword kept in use';
    const first = topicTokens(hot);
    // Far more keywords than both generations hold (25,000 each), the hot one asked for throughout.
    for (let i = 0; i < 120_000; i++) {
      topicTokens(`cold keyword ${i}`);
      if (i % 10_000 === 0) expect(topicTokens(hot)).toBe(first);
    }
    expect(topicTokens(hot)).toBe(first);
  });
});
