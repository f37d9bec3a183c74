/**
 * The shipped font's two faces, subset, as WOFF2 in base64, put in by the build (src/build/pageBundle.ts):
 * the player module carries them; the HTML page's script does not (null), its page declares them in CSS.
 */
declare const __MLVIS_FONTS__: { regular: string; bold: string } | null;
export const FONTS = __MLVIS_FONTS__;
