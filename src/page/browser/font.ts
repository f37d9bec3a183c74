/** The renderer's font module in the page: the same family, loaded by the page's @font-face (player.ts). */
export { FONT_FAMILY, font } from '../../render/core/fontName';

export function ensureFont(): void {}
