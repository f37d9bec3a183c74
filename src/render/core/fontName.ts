/** The font the renderer draws with, by name: shared by the Node renderer and the page's (no canvas here). */
/**
 * A private family name for the font shipped with the package. Only this family is ever drawn with, so a
 * frame does not depend on the fonts of the machine it is drawn on.
 */
export const FONT_FAMILY = 'mlvis-sans';

/** A CSS font shorthand in the shipped family. */
export function font(px: number, bold = false): string {
  return `${bold ? 'bold ' : ''}${Math.max(1, Math.round(px * 10) / 10)}px ${FONT_FAMILY}`;
}

