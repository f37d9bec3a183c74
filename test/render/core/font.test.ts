import * as path from 'path';
import { createCanvas } from '@napi-rs/canvas';
import { MlvisError, messages } from '../../../src/errors';
import { ensureFont, FONT_FAMILY } from '../../../src/render';
import { font } from '../../../src/render/core/font';

const ttf = (face: string) => path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', face);

describe('ensureFont', () => {
  it('registers the shipped font so that text measures and draws', () => {
    ensureFont();
    ensureFont(); // idempotent
    const canvas = createCanvas(120, 30);
    const ctx = canvas.getContext('2d');
    ctx.font = font(14);
    expect(ctx.font).toContain(FONT_FAMILY);
    expect(ctx.measureText('w0 (intercept)').width).toBeGreaterThan(50);
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 120, 30);
    ctx.fillStyle = '#000';
    ctx.fillText('iteration', 5, 20);
    const px = canvas.data();
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 128) dark++;
    expect(dark).toBeGreaterThan(30);
  });

  it('fails with the font message when the font file does not register', () => {
    jest.isolateModules(() => {
      const actual = jest.requireActual('@napi-rs/canvas');
      jest.doMock('@napi-rs/canvas', () => ({
        ...actual,
        GlobalFonts: { ...actual.GlobalFonts, registerFromPath: () => null, has: () => false },
      }));
      const fresh = require('../../../src/render/core/font') as typeof import('../../../src/render/core/font');
      const errors = require('../../../src/errors') as typeof import('../../../src/errors');
      let caught: unknown;
      try {
        fresh.ensureFont();
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(errors.MlvisError);
      expect((caught as MlvisError).exitCode).toBe(1);
      expect((caught as Error).message).toBe(messages.fontMissing(ttf('DejaVuSans.ttf'), 'the file is missing or is not a font'));
    });
  });

  it('fails when registered text would measure 0 pixels wide', () => {
    jest.isolateModules(() => {
      const actual = jest.requireActual('@napi-rs/canvas');
      jest.doMock('@napi-rs/canvas', () => ({
        ...actual,
        createCanvas: () => ({ getContext: () => ({ font: '', measureText: () => ({ width: 0 }) }) }),
      }));
      const fresh = require('../../../src/render/core/font') as typeof import('../../../src/render/core/font');
      expect(() => fresh.ensureFont()).toThrow(messages.fontMissing(path.dirname(ttf('x')), 'text measures 0 pixels wide'));
    });
  });
});
