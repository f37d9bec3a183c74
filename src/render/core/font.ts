import * as path from 'path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { messages, runError } from '../../errors';

/**
 * A private family name for the font shipped with the package. Only this family is ever drawn with, so a
 * frame does not depend on the fonts of the machine it is drawn on.
 */
export const FONT_FAMILY = 'mlvis-sans';

const FACES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let registered = false;

/** A CSS font shorthand in the shipped family. */
export function font(px: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${Math.max(1, Math.round(px * 10) / 10)}px ${FONT_FAMILY}`;
}

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
