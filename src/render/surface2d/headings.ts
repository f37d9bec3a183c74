import type { Scene } from '../../types';
import type { Rect, Style } from '../core/layout';

/** Where the marker legend of a surface panel ends: the panel's right edge when a colour bar widens the heading row. */
export function legendRight(outer: Rect, rect: Rect, style: Style, bar: boolean): number {
  return bar ? outer.x + outer.w - style.f * 0.5 : rect.x + rect.w;
}

/** The panel's heading, longest first: the first that fits beside the legend is drawn. */
export function surfaceHeadings(model: Scene['model'], note: string): string[] {
  // A plane cut through many weights keeps saying so ("…, path projected"), shortened rather than dropped;
  // narrowest, the plane's own name ("PCA plane", beside axes "PC1 (…)", "PC2 (…)"): "path projected" alone
  // named no plane (newcomer review), and is left for a plane whose name is longer.
  if (note.endsWith('path projected')) {
    const plane = note.slice(0, -', path projected'.length).replace(/ \([^)]*\)/, '');
    return [...new Set([`Loss surface (${model.lossShort}), ${note}`, `Loss surface, ${note}`, note, `${plane}, path projected`, `${plane}, projected`, plane, 'path projected'])];
  }
  return note
    ? [...new Set([`Loss surface (${model.lossName}), ${note}`, `Loss surface (${model.lossShort}), ${note}`, `Loss surface, ${note}`, 'Loss surface'])]
    : [...new Set([`Loss surface (${model.lossName})`, `Loss surface (${model.lossShort})`, 'Loss surface'])];
}
