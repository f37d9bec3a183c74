/** The render stage: a Scene in, frames of opaque RGBA pixels out. The only part of mlvis that uses canvas. */
export { createRenderer, type Renderer } from './frame/renderer';
export { ensureFont, FONT_FAMILY } from './core/font';
