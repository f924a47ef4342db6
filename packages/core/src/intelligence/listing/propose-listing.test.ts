import { describe, expect, it } from 'vitest';
import { proposeListing } from './propose-listing';

const keywords = Array.from({ length: 40 }, (_, i) => ({
  keyword: `${['wedding', 'bridal', 'boho', 'rustic', 'floral'][i % 5]} invitation ${['template', 'printable', 'editable canva', 'digital download bundle', 'instant'][Math.floor(i / 8) % 5]} ${i}`,
  value: 100 - i,
}));

describe('proposeListing', () => {
  const proposal = proposeListing(keywords, { title: 'Wedding Invitation Template' });

  it('gives Etsy 13 distinct tags of at most 20 characters, best first', () => {
    expect(proposal.etsyTags).toHaveLength(13);
    expect(new Set(proposal.etsyTags).size).toBe(13);
    expect(proposal.etsyTags.every((t) => t.length <= 20)).toBe(true);
    expect(proposal.etsyTags[0]).toBe('wedding invitation');
  });

  it('gives Amazon search terms within 249 bytes without the title words or repeats', () => {
    const terms = proposal.amazonSearchTerms.split(' ');
    expect(Buffer.byteLength(proposal.amazonSearchTerms)).toBeLessThanOrEqual(249);
    expect(new Set(terms).size).toBe(terms.length);
    for (const word of ['wedding', 'invitation', 'template']) expect(terms).not.toContain(word);
    expect(terms).toContain('bridal');
  });

  it('counts bytes, not characters, for Amazon', () => {
    const accented = proposeListing(
      Array.from({ length: 200 }, (_, i) => ({ keyword: `café${i} éé${i}`, value: i })),
      { title: 'x' },
    );
    expect(Buffer.byteLength(accented.amazonSearchTerms)).toBeLessThanOrEqual(249);
    expect(accented.amazonSearchTerms.length).toBeLessThan(249);
  });

  it("ends with the leading keyword's own words when few phrases are left", () => {
    // 21 characters: too long for a tag, and only one close keyword to draw on.
    const few = proposeListing([
      { keyword: 'thanksgiving template', value: Number.POSITIVE_INFINITY },
      { keyword: 'thanksgiving font', value: 40 },
    ]);
    expect(few.etsyTags).toEqual(['thanksgiving font', 'thanksgiving', 'template']);
  });

  it('gives no tag that starts or ends with a stop word', () => {
    const tags = proposeListing([
      { keyword: 'cat svg for kids', value: Number.POSITIVE_INFINITY },
      { keyword: 'svg for the class', value: 10 },
    ]).etsyTags;
    expect(tags).toEqual(
      expect.arrayContaining(['cat svg for kids', 'svg for kids', 'svg for the class']),
    );
    for (const tag of ['cat svg for', 'svg for', 'for kids', 'for the class', 'svg for the'])
      expect(tags).not.toContain(tag);
  });

  it('gives eBay a title of at most 80 characters', () => {
    expect(proposal.ebayTitle.length).toBeLessThanOrEqual(80);
    expect(proposal.ebayTitle.startsWith('Wedding Invitation')).toBe(true);
  });
});
