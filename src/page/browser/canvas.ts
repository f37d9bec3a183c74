/**
 * @napi-rs/canvas as the page's bundle sees it: the browser's own canvas. The renderer draws on a Canvas 2D
 * context either way; here each canvas it makes is `scale` times larger in device pixels (devicePixelRatio,
 * so the page is crisp on high-DPI screens) and its context is scaled to match, so the renderer keeps drawing
 * in the frame's own pixels. drawImage and putImageData are taught that scale (see install()).
 */

/** Device pixels per frame pixel for every canvas made from now on (setScale). */
let scale = 1;

export function setScale(s: number): void {
  scale = s > 0 && Number.isFinite(s) ? s : 1;
}

type Scaled = HTMLCanvasElement & { mlvisScale?: number };

export function createCanvas(width: number, height: number): HTMLCanvasElement {
  const c = document.createElement('canvas') as Scaled;
  c.width = Math.max(1, Math.ceil(width * scale));
  c.height = Math.max(1, Math.ceil(height * scale));
  c.mlvisScale = scale;
  const ctx = c.getContext('2d')!;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  return c;
}

export const Path2D = globalThis.Path2D;
export const ImageData = globalThis.ImageData;
/** Fonts are the page's @font-face (see player.ts): nothing to register. */
export const GlobalFonts = { registerFromPath: () => ({}), has: () => true };

let installed = false;

/**
 * Teaches the 2-D context about scaled canvases: drawImage of one draws it at its frame size (and reads its
 * source rectangle in frame pixels), and putImageData into one lands where the renderer meant (its pixels
 * scaled up, as the renderer's rasters are smoothed up anyway).
 */
export function install(): void {
  if (installed) return;
  installed = true;
  const proto = CanvasRenderingContext2D.prototype;
  const draw = proto.drawImage as (...a: unknown[]) => void;
  proto.drawImage = function (this: CanvasRenderingContext2D, image: CanvasImageSource, ...a: number[]) {
    const s = (image as Scaled).mlvisScale;
    if (!s || s === 1) return draw.call(this, image, ...a);
    const c = image as HTMLCanvasElement;
    if (a.length === 2) return draw.call(this, image, 0, 0, c.width, c.height, a[0], a[1], c.width / s, c.height / s);
    if (a.length === 4) return draw.call(this, image, a[0], a[1], a[2], a[3]);
    return draw.call(this, image, a[0] * s, a[1] * s, a[2] * s, a[3] * s, a[4], a[5], a[6], a[7]);
  } as typeof proto.drawImage;
  const put = proto.putImageData as (...a: unknown[]) => void;
  proto.putImageData = function (this: CanvasRenderingContext2D, data: ImageData, dx: number, dy: number, ...dirty: number[]) {
    const s = (this.canvas as Scaled).mlvisScale;
    if (!s || s === 1) return put.call(this, data, dx, dy, ...dirty);
    const [x, y, w, h] = dirty.length === 4 ? dirty : [0, 0, data.width, data.height];
    const t = document.createElement('canvas');
    t.width = data.width;
    t.height = data.height;
    t.getContext('2d')!.putImageData(data, 0, 0);
    this.save();
    this.setTransform(s, 0, 0, s, 0, 0);
    this.clearRect(dx + x, dy + y, w, h);
    draw.call(this, t, x, y, w, h, dx + x, dy + y, w, h);
    this.restore();
  } as typeof proto.putImageData;
}
