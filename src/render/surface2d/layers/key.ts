import type { Layer } from '../../core/layer';
import { drawKey, type LegendItem } from '../../core/legend';
import type { SurfaceContext } from './context';

/** The key inside the plot (each frame, on top): what the switches added (`items`, from every layer). */
export function key({ plot, style }: SurfaceContext, items: LegendItem[]): Layer {
  return { drawFrame: (ctx) => drawKey(ctx, plot.rect, style, items, plot.rect.w - style.f) };
}
