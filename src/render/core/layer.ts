import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FrameTime } from '../../types';
import type { Plot, Rect } from './layout';
import type { LegendItem } from './legend';
import { clipTo, type Panel } from './panel';

/**
 * One mark of a panel over the panel's shared plot and scales (Observable Plot's marks): what it draws once
 * into the background, what it draws each frame, and what it adds to the panel's legends. A panel is an
 * ordered list of layers: the static parts are drawn in list order, then each frame's parts in list order.
 */
export interface Layer {
  drawStatic?(ctx: SKRSContext2D): void;
  drawFrame?(ctx: SKRSContext2D, frame: FrameTime): void;
  /** Drawn each frame after the clip is lifted (a heading above the plot); such layers come last in a list. */
  unclipped?: boolean;
  /** Entries of the marker legend in the heading row (the start, the minimum). */
  legend?: readonly LegendItem[];
  /** Entries of the key inside the plot (what a switch added: the reference path, the arrows). */
  key?: readonly LegendItem[];
}

/** A kind of layer a panel may get: built from the panel's shared context when it applies to the scene. */
export interface LayerSpec<C> {
  readonly id: string;
  /** Whether a panel of this scene gets the layer; absent: always. */
  applies?(c: C): boolean;
  make(c: C): Layer;
}

/** The layers that apply, built, in the list's order. */
export function chooseLayers<C>(specs: readonly LayerSpec<C>[], c: C): Layer[] {
  return specs.filter((s) => !s.applies || s.applies(c)).map((s) => s.make(c));
}

/** Every entry the layers add to one of the legends, in the layers' order. */
export function legendOf(layers: readonly Layer[], which: 'legend' | 'key'): LegendItem[] {
  return layers.flatMap((l) => l[which] ?? []);
}

/**
 * A panel drawing its layers: the static parts in order into the background; each frame's parts in order,
 * with `clip` given, clipped to it with round joins and caps around them all (a layer that wants others sets
 * and restores them itself), then the `unclipped` ones outside it; without it, each frame layer clips what
 * it needs itself.
 */
export function layeredPanel(plot: Plot, layers: readonly Layer[], clip?: Rect): Panel {
  return {
    plot,
    drawStatic(ctx) {
      for (const l of layers) l.drawStatic?.(ctx);
    },
    drawFrame(ctx, frame) {
      if (!clip) {
        for (const l of layers) l.drawFrame?.(ctx, frame);
        return;
      }
      clipTo(ctx, clip);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
      for (const l of layers) if (!l.unclipped) l.drawFrame?.(ctx, frame);
      ctx.restore();
      for (const l of layers) if (l.unclipped) l.drawFrame?.(ctx, frame);
    },
  };
}
