/**
 * The series title measures each loss and iteration count by its pattern of digits when the font's digits
 * are tabular (seriesTitle.ts): that is exact only if, in the shipped font, a number's width never depends on
 * which digits it holds. Checked here on the texts the title writes, at the sizes it uses.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensureFont, font } from '../../../src/render/core/font';
import { formatNumber } from '../../../src/render/core/format';
import { tabularDigits } from '../../../src/render/frame/seriesTitle';

describe('tabularDigits', () => {
  beforeAll(() => ensureFont());

  it.each([9, 12.1, 14.7])('holds for the shipped font at %s px: every loss and count is as wide as its digit pattern', (px) => {
    const ctx = createCanvas(10, 10).getContext('2d');
    for (const bold of [false, true]) {
      ctx.font = font(px, bold);
      expect(tabularDigits(ctx)).toBe(true);
      let seed = 11;
      const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
      for (let n = 0; n < 300; n++) {
        const v = (rand() - 0.3) * 10 ** Math.floor(rand() * 30 - 15);
        for (const text of [formatNumber(v, 3), formatNumber(v, 4), `iteration ${Math.floor(rand() * 1e6)} / ${Math.floor(rand() * 1e6)}`]) {
          expect(ctx.measureText(text).width).toBe(ctx.measureText(text.replace(/[0-9]/g, '0')).width);
        }
      }
    }
  });

  it('is false for a font whose digits differ in width', () => {
    // A context that measures "1" narrower than the other digits, as a proportional-figure font would.
    const ctx = { measureText: (t: string) => ({ width: [...t].reduce((w, c) => w + (c === '1' ? 4 : 7), 0) }) } as unknown as SKRSContext2D;
    expect(tabularDigits(ctx)).toBe(false);
  });
});
