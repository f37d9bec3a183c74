/**
 * A viridis colour map (perceptually uniform, readable in grey and by colour-blind viewers), interpolated
 * linearly between eleven stops of matplotlib's viridis; d3-scale-chromatic is not a dependency.
 */
const STOPS = [
  [0x44, 0x01, 0x54],
  [0x48, 0x24, 0x75],
  [0x41, 0x44, 0x87],
  [0x35, 0x5f, 0x8d],
  [0x2a, 0x78, 0x8e],
  [0x21, 0x91, 0x8c],
  [0x22, 0xa8, 0x84],
  [0x44, 0xbf, 0x70],
  [0x7a, 0xd1, 0x51],
  [0xbd, 0xdf, 0x26],
  [0xfd, 0xe7, 0x25],
];

/** The colour at t in [0, 1] (clamped) as an `rgb(r,g,b)` string; 0 is dark purple, 1 is yellow. */
export function viridis(t: number): string {
  const c = viridisRgb(t);
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** The colour at t in [0, 1] (clamped) as rounded [r, g, b] channels, for pixels written directly. */
export function viridisRgb(t: number): [number, number, number] {
  const s = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(s));
  const f = s - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}
