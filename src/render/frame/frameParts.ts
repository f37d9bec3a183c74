import type { SKRSContext2D } from '@napi-rs/canvas';
import type { FrameLayout } from '../core/layout';
import type { Panel } from '../core/panel';
import type { TitleDrawer } from './title';

/** What a frame arrangement (panels side by side, or small multiples) builds once per scene. */
export interface FrameParts {
  layout: FrameLayout;
  /** The panels side by side (overlay), or one surface cell per series (grid). */
  panels: Panel[];
  title: TitleDrawer;
  /** Static drawing that belongs to no panel (a legend in the title band), after the panels'. */
  decorate?(ctx: SKRSContext2D): void;
}
