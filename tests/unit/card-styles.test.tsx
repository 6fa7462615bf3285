import { describe, expect, it } from 'vitest';
import { CONTRAST_PAIRS, cardStyles, darkTokens, lightTokens, type ThemeTokens } from '@/components/card/styles';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('card styles', () => {
  it.each([
    ['light', lightTokens as ThemeTokens],
    ['dark', darkTokens],
  ])('meet WCAG AA for every painted text/background pair (%s)', (_, tokens) => {
    const failures = CONTRAST_PAIRS.filter(([fg, bg, min]) => contrast(tokens[fg], tokens[bg]) < min).map(
      ([fg, bg]) => `${fg} on ${bg}: ${contrast(tokens[fg], tokens[bg]).toFixed(2)}`,
    );
    expect(failures).toEqual([]);
  });

  it('defines every custom property it uses, in light and in dark', () => {
    const used = new Set([...cardStyles.matchAll(/var\((--zc-[a-z0-9-]+)\)/g)].map((m) => m[1]));
    const [lightBlock, darkBlock] = [cardStyles.indexOf(':host {'), cardStyles.indexOf(':host([data-theme=dark])')];
    const definedIn = (from: number) =>
      new Set(
        [...cardStyles.slice(from, cardStyles.indexOf('}', from)).matchAll(/(--zc-[a-z0-9-]+):/g)].map((m) => m[1]),
      );
    for (const block of [definedIn(lightBlock), definedIn(darkBlock)])
      expect([...used].filter((v) => !block.has(v))).toEqual([]);
  });

  it('isolates itself from the page and supports both colour-scheme switches', () => {
    expect(cardStyles).toMatch(/:host\s*\{\s*all: initial;/);
    expect(cardStyles).toContain('@media (prefers-color-scheme: dark)');
    expect(cardStyles).toContain(':host([data-theme=dark])');
    expect(cardStyles).toContain(':focus-visible');
    expect(cardStyles).toContain('#ff8200');
  });

  it('stops every animation and smooth scroll for a user who asks for reduced motion', () => {
    const css = cardStyles.replace(/\/\*[\s\S]*?\*\//g, '');
    const moving = [
      ...css.matchAll(/([.#:\w][^{}@]*?)\s*\{[^{}]*(?:animation:\s*(?!none)|scroll-behavior:\s*smooth)/g),
    ].map((m) => m[1]?.trim() ?? '');
    expect(moving).toEqual(expect.arrayContaining(['.zc-sheet', '.zc-track']));
    const reduced = [...css.matchAll(/@media \(prefers-reduced-motion: reduce\) \{(.*)\}/g)].map((m) => m[1]);
    for (const selector of moving)
      expect(
        reduced.some(
          (r) =>
            r?.includes(`${selector} { animation: none; }`) || r?.includes(`${selector} { scroll-behavior: auto; }`),
        ),
        selector,
      ).toBe(true);
  });
});
