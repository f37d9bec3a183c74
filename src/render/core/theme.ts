import type { ThemeName } from '../../types';

/** The colours of one theme. Data colours are Okabe–Ito (colour-blind safe); the accent marks "now". */
export interface Theme {
  background: string;
  text: string;
  mutedText: string;
  axis: string;
  gridLine: string;
  /** Linear data, and logistic class 0 / class 1. */
  points: string;
  class0: string;
  class1: string;
  /** The current state: the path on the surface, the current model in the fit, the current loss. */
  accent: string;
  /** The outline that lifts the accent off the colour map. */
  halo: string;
  /** Iso-lines drawn over the colour map. */
  isoLine: string;
  /** Backing of labels drawn over data (legends, the divergence notice). */
  labelBox: string;
  /** The full loss curve behind the part already travelled. */
  faintCurve: string;
  /**
   * One colour per series when several descents share a plot; series 0 is the accent, so a single run looks
   * the same (the note above SERIES_LIGHT says how they were chosen).
   */
  series: readonly string[];
}

/**
 * Series colours, chosen around what a frame already shows: viridis spans dark purple, blue, green and
 * yellow, and the data are Okabe–Ito blue and orange, so the series take the hues left over (red, a neutral,
 * light violet, magenta, warm grey, brown), spread in lightness as well as hue. In CIEDE2000 they are at
 * least 20 apart as seen and 10 apart under simulated deuteranopia, protanopia and tritanopia, 22 or more
 * from every viridis colour and 23 or more from the data colours; each has 3:1 contrast on its background.
 * Markers differ in shape too (series.ts), so colour is never the only cue.
 */
const SERIES_LIGHT = ['#E0301E', '#1A1A1A', '#A970FF', '#AA3377', '#8A7B6E', '#6B2A00'];
const SERIES_DARK = ['#FF4A33', '#F2F2F2', '#A77BFF', '#E05AA0', '#A39485', '#9A5540'];

const light: Theme = {
  background: '#ffffff',
  text: '#1a1a1a',
  mutedText: '#555555',
  axis: '#444444',
  gridLine: '#e6e6e6',
  points: '#0072B2',
  class0: '#0072B2',
  class1: '#E69F00',
  accent: '#E0301E',
  halo: '#ffffff',
  isoLine: 'rgba(255,255,255,0.35)',
  labelBox: 'rgba(255,255,255,0.85)',
  faintCurve: 'rgba(120,120,120,0.45)',
  series: SERIES_LIGHT,
};

const dark: Theme = {
  background: '#15171c',
  text: '#ececec',
  mutedText: '#a8abb2',
  axis: '#9a9da4',
  gridLine: '#2c2f36',
  points: '#56B4E9',
  class0: '#56B4E9',
  class1: '#E69F00',
  accent: '#FF4A33',
  halo: '#ffffff',
  isoLine: 'rgba(255,255,255,0.35)',
  labelBox: 'rgba(21,23,28,0.85)',
  faintCurve: 'rgba(160,160,160,0.45)',
  series: SERIES_DARK,
};

/** The colours for `--theme`. */
export function theme(name: ThemeName): Theme {
  return name === 'dark' ? dark : light;
}
