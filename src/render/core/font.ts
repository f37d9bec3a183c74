import * as path from 'path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { messages, runError } from '../../errors';

export { FONT_FAMILY, font } from './fontName';
import { FONT_FAMILY, font } from './fontName';

const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let registered = false;

/**
 * Registers the shipped DejaVu Sans faces (regular and bold) under {@link FONT_FAMILY}, once per process.
 * @napi-rs/canvas draws nothing at all for text in a missing font, so this checks that the font registered
 * and measures a sample; it throws an MlvisError (exit code 1) rather than let frames lose every label.
 */
export function ensureFont(): void {
  if (registered) return;
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch (err) {
    throw runError(messages.fontMissing('dejavu-fonts-ttf', 'the package is not installed'), err);
  }
  for (const face of FACES) {
    const file = path.join(dir, face);
    if (GlobalFonts.registerFromPath(file, FONT_FAMILY) === null) {
      throw runError(messages.fontMissing(file, 'the file is missing or is not a font'));
    }
  }
  if (!GlobalFonts.has(FONT_FAMILY)) {
    throw runError(messages.fontMissing(dir, 'the font did not register'));
  }
  const ctx = createCanvas(1, 1).getContext('2d');
  ctx.font = font(12);
  if (!(ctx.measureText('iteration 0 / 1').width > 0)) {
    throw runError(messages.fontMissing(dir, 'text measures 0 pixels wide'));
  }
  registered = true;
}
