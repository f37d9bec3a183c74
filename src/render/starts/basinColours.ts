/**
 * The colours of the known minima in a basins picture. The dots tile the whole surface, so each colour must
 * stand out from every viridis band under it (bright or warm: red, orange, cyan, pink, then violet,
 * near-black, warm grey, brown) and from its neighbours; none is white, which a hollow ring would resemble; a dark rim separates touching dots. A start that
 * reached no known minimum is a hollow ring: the surface shows through it.
 */
const BASIN_COLOURS = ['#E0301E', '#FF9F1C', '#00D1FF', '#FF5CCB', '#A970FF', '#1A1A1A', '#8A7B6E', '#6B2A00'];

/** The colour of known minimum k (the palette repeats beyond its length; the names still tell them apart). */
export function basinColour(k: number): string {
  return BASIN_COLOURS[k % BASIN_COLOURS.length];
}

/**
 * The colour of a start whose path converged to a minimum that is none of the known ones (Rastrigin's many
 * local minima): a light grey, none of the palette's hues and unlike a hollow ring.
 */
export const OTHER_MINIMUM = '#BDBDBD';

/** The rim of every start dot and legend swatch. */
export const DOT_RIM = 'rgba(0,0,0,0.75)';
