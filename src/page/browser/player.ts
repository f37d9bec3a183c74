/**
 * The interactive page's player: the run's scene drawn in the browser by mlvis's own renderer (bundled with
 * canvas.ts and font.ts in place of @napi-rs/canvas and the font files), with controls to play, pause, scrub
 * to any iteration, step, change speed and loop, a readout of every series at the iteration shown, and the
 * loss under the pointer on the surface. Also the custom element <mlvis-player src="run.json">.
 */
import { createFrameDrawer, type FrameDrawer } from '../../render/frame/renderer';
import { stateAt, stoppedWord } from '../../render/core/series';
import { formatNumber } from '../../render/core/format';
import { decodeValue, PAGE_DATA_VERSION, type PageData } from '../codec';
import { hydrateScene, planeLossOf, type PlaneLoss } from '../hydrate';
import type { FrameTime, Scene } from '../../types';
import { install, setScale } from './canvas';
import { FONT_FAMILY } from './font';
import { FONTS } from './fonts';

const CSS = `
.mlvis-player{font:14px/1.4 ${FONT_FAMILY},system-ui,sans-serif;color:inherit;display:inline-block;max-width:100%}
.mlvis-player canvas{display:block;max-width:100%;height:auto;touch-action:none}
.mlvis-controls{display:flex;flex-wrap:wrap;align-items:center;gap:6px;margin:6px 0}
.mlvis-controls button{font:inherit;color:#1a1a1a;min-width:2.4em;padding:2px 8px;border:1px solid #888;border-radius:4px;background:#f4f4f4;cursor:pointer}
.mlvis-controls select{font:inherit;color:#1a1a1a;background:#f4f4f4;border:1px solid #888;border-radius:4px;padding:1px 4px;appearance:auto}
.mlvis-controls input[type=range]{flex:1 1 200px;min-width:120px}
.mlvis-player :focus-visible{outline:3px solid #1a6dd6;outline-offset:2px}
.mlvis-readout{font-variant-numeric:tabular-nums;white-space:pre-wrap;margin:2px 0}
.mlvis-hover{font-variant-numeric:tabular-nums;min-height:1.4em;opacity:.85}
`;

let fontsReady: Promise<unknown> | null = null;

/** The @font-face rules of the two faces (base64 WOFF2). */
export function fontFaces(f: { regular: string; bold: string }): string {
  return (
    `@font-face{font-family:${FONT_FAMILY};src:url(data:font/woff2;base64,${f.regular}) format('woff2');font-weight:normal}` +
    `@font-face{font-family:${FONT_FAMILY};src:url(data:font/woff2;base64,${f.bold}) format('woff2');font-weight:bold}`
  );
}

/** The bundled faces as @font-face, once per document; resolves when both have loaded. */
function loadFonts(): Promise<unknown> {
  if (fontsReady) return fontsReady;
  const style = document.createElement('style');
  // The HTML page declares the faces itself (FONTS is null in its script); the player module brings them.
  style.textContent = (FONTS ? fontFaces(FONTS) : '') + CSS;
  document.head.appendChild(style);
  fontsReady = Promise.all([document.fonts.load(`12px ${FONT_FAMILY}`), document.fonts.load(`bold 12px ${FONT_FAMILY}`)]);
  return fontsReady;
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Gzipped bytes in base64, inflated by the browser's own DecompressionStream. */
async function gunzipBytes(base64: string): Promise<Uint8Array> {
  const stream = new Blob([fromBase64(base64) as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The HTML page's data: gzipped JSON in base64. */
export async function gunzipJson(base64: string): Promise<unknown> {
  return JSON.parse(new TextDecoder().decode(await gunzipBytes(base64)));
}

/** The scene of player data, its functions back (hydrate.ts). */
export async function sceneOf(data: PageData): Promise<Scene> {
  if (data?.format !== 'mlvis-player') throw new Error('this is not mlvis player data (no "format": "mlvis-player")');
  if (data.version !== PAGE_DATA_VERSION) throw new Error(`mlvis player data of version ${data.version}; this player reads version ${PAGE_DATA_VERSION}`);
  let bytes: Uint8Array;
  try {
    bytes = await gunzipBytes(data.arrays);
  } catch {
    throw new Error('the data is damaged: its arrays do not inflate (was the file cut short or edited?)');
  }
  const scene = hydrateScene(decodeValue(data.scene, bytes) as Record<string, unknown>);
  const last = scene.iterations;
  const frames = data.frames;
  const whole = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  if (!Array.isArray(frames) || frames.length === 0 || !frames.every((k, i) => whole(k, 0, last) && (i === 0 || k > frames[i - 1]))) {
    throw new Error(`the data's frames are not increasing iterations from 0 to ${last}`);
  }
  if (!(data.fps > 0 && data.fps <= 1000) || !(data.hold >= 0 && data.hold <= 3600) || !whole(data.loop, 0, 65535)) throw new Error('the data\'s fps, hold or loop is out of range');
  return scene;
}

/** What the page's tests read and drive (window.mlvisPlayer; window.mlvis is the page's element of that id). */
export interface PlayerHandle {
  scene: Scene;
  /** The iteration shown. */
  iteration(): number;
  playing(): boolean;
  seek(iteration: number): void;
  play(): void;
  pause(): void;
  /** Stops the player for good: its keys, its clock (a new mount into the same element replaces it). */
  destroy(): void;
  /** The 3-D camera's turn from the file's (degrees), or null until the reader drags. */
  turn(): number | null;
  /** The readout under the pointer at frame pixel (x, y) of the surface, or null off it. */
  hoverAt(x: number, y: number): { u: number; v: number; w: number[]; loss: number | null } | null;
}

/** Builds the player into `root` and starts it (paused under prefers-reduced-motion, or when `paused`). */
export async function mount(root: HTMLElement, data: PageData, paused = false): Promise<PlayerHandle> {
  await loadFonts();
  install();
  const scene = await sceneOf(data);
  const dpr = Math.max(1, window.devicePixelRatio || 1);
  setScale(dpr);
  let drawer: FrameDrawer = createFrameDrawer(scene);
  const { width, height } = scene;
  const frames = data.frames.length > 0 ? data.frames : [0, scene.iterations];
  const last = scene.iterations;

  root.classList.add('mlvis-player');
  root.replaceChildren();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${scene.model.title}: gradient descent, frame by frame${scene.view === '3d' ? '; drag to turn the 3-D view' : ''}`);
  const ctx = canvas.getContext('2d')!;

  const button = (label: string, text: string) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.title = label;
    return b;
  };
  const controls = document.createElement('div');
  controls.className = 'mlvis-controls';
  const playButton = button('Play', '▶');
  playButton.dataset.role = 'play';
  const back = button('Step back', '◀◀');
  back.dataset.role = 'back';
  const forward = button('Step forward', '▶▶');
  forward.dataset.role = 'forward';
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = '0';
  slider.max = String(last);
  slider.step = '1';
  slider.setAttribute('aria-label', 'Iteration');
  const speed = document.createElement('select');
  speed.setAttribute('aria-label', 'Speed');
  for (const s of [0.25, 0.5, 1, 2, 4]) {
    const o = document.createElement('option');
    o.value = String(s);
    o.textContent = `${s}×`;
    o.selected = s === 1;
    speed.append(o);
  }
  const loopLabel = document.createElement('label');
  const loopBox = document.createElement('input');
  loopBox.type = 'checkbox';
  // --loop 0 plays for ever (the box ticked); --loop N plays N times, then stops (the box unticked).
  loopBox.checked = data.loop === 0;
  loopLabel.append(loopBox, ' Loop');
  controls.append(back, playButton, forward, slider, speed, loopLabel);
  const readout = document.createElement('div');
  readout.className = 'mlvis-readout';
  readout.setAttribute('aria-live', 'off');
  const hover = document.createElement('div');
  hover.className = 'mlvis-hover';
  root.append(canvas, controls, readout, hover);

  // The clock: frame f of the animation at time t (seconds of the animation, at speed 1).
  let iteration = 0;
  let playing = false;
  let t = 0;
  let lastTick = 0;
  const frameOf = (k: number) => {
    let f = 0;
    while (f + 1 < frames.length && frames[f + 1] <= k) f++;
    return f;
  };
  // The 3-D view's camera, turned by dragging (degrees about the vertical axis); until the first drag the
  // page frames the box as the file does.
  let turn = 0;
  let free = false;
  const at = (k: number): FrameTime => {
    const f = frameOf(k);
    return { index: f, count: frames.length, seconds: f / data.fps, iteration: k, ...(free ? { turn } : {}) };
  };
  const names = scene.model.weightNames;
  // The readout's numbers paste back as numbers: an ASCII minus (the frame draws a typographic one).
  const num = (v: number) => (Number.isNaN(v) ? 'undefined' : formatNumber(v, 6).replace(/\u2212/g, '-'));
  const asked = Math.max(last, scene.requestedIterations ?? last);
  // Every weight by name up to six; a network's dozens as their count and length.
  const weightsText = (w: ArrayLike<number>) =>
    w.length <= 6 ? Array.from(w, (v, k) => `${names[k] ?? `w${k}`} = ${num(v)}`).join(', ') : `${w.length} weights, |w| = ${num(Math.hypot(...Array.from(w)))}`;
  const render = () => {
    drawer.draw(ctx as never, at(iteration));
    slider.value = String(iteration);
    slider.setAttribute('aria-valuetext', `iteration ${iteration} of ${last}`);
    const lines = scene.series.map((s) => {
      const i = stateAt(s, iteration);
      const w = weightsText(s.trajectory.w.map((c) => c[i]));
      const stopped = s.diverged && iteration >= s.iterations ? ` (${stoppedWord(s)}: stopped after update ${s.iterations})` : '';
      return `${s.label}: ${w}; ${scene.model.lossShort} ${num(s.trajectory.loss[i])}${stopped}`;
    });
    readout.textContent = `iteration ${iteration} / ${asked}${last < asked ? ` (every series stopped by ${last})` : ''}\n${[...startsLines(), ...lines].join('\n')}`;
    playButton.textContent = playing ? '❚❚' : '▶';
    playButton.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    playButton.title = playing ? 'Pause' : 'Play';
  };
  // --starts: how many have reached a minimum by the iteration shown, and the lowest loss among them all.
  function startsLines(): string[] {
    const st = scene.starts;
    if (!st) return [];
    let reached = 0;
    let lowest = Infinity;
    for (let s = 0; s < st.paths.length; s++) {
      if (st.reachedAt[s] >= 0 && st.reachedAt[s] <= iteration) reached++;
      const loss = st.paths[s].loss;
      const v = loss[Math.min(iteration, loss.length - 1)];
      if (v < lowest) lowest = v;
    }
    return [`${st.placement} · ${st.optimizerTitle}: ${reached} of ${st.paths.length} at a minimum; lowest ${scene.model.lossShort} ${num(lowest)}`];
  }
  // The canvas is backed at devicePixelRatio: the renderer draws in the frame's pixels, scaled.
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const seek = (k: number) => {
    iteration = Math.max(0, Math.min(last, Math.round(k)));
    t = frameOf(iteration) / data.fps;
    render();
  };
  const end = (frames.length - 1) / data.fps;
  // Plays still to come after this one when the box is unticked (--loop N: N − 1 more).
  let more = Math.max(0, data.loop - 1);
  const tick = (now: number) => {
    if (!playing) return;
    const dt = lastTick ? (now - lastTick) / 1000 : 0;
    lastTick = now;
    t += dt * Number(speed.value);
    if (t > end + data.hold) {
      if (loopBox.checked || more > 0) {
        if (!loopBox.checked) more--;
        t = 0;
      } else {
        t = end;
        playing = false;
      }
    }
    const f = Math.min(frames.length - 1, Math.floor(t * data.fps));
    if (frames[f] !== iteration || !playing) {
      iteration = frames[f];
      render();
    }
    if (playing) requestAnimationFrame(tick);
  };
  const play = () => {
    if (playing) return;
    if (iteration >= last) {
      seek(0);
      more = Math.max(0, data.loop - 1);
    }
    playing = true;
    lastTick = 0;
    render();
    requestAnimationFrame(tick);
  };
  const pause = () => {
    playing = false;
    render();
  };
  const step = (d: number, fine: boolean) => {
    pause();
    if (fine) return seek(iteration + d);
    // The next frame after the iteration shown, or the last one before it.
    const next = d > 0 ? frames.find((k) => k > iteration) : [...frames].reverse().find((k) => k < iteration);
    seek(next ?? (d > 0 ? last : 0));
  };
  playButton.addEventListener('click', () => (playing ? pause() : play()));
  back.addEventListener('click', () => step(-1, false));
  forward.addEventListener('click', () => step(1, false));
  slider.addEventListener('input', () => {
    const k = Number(slider.value); // before pause() redraws, which puts the slider back
    pause();
    seek(k);
  });
  root.tabIndex = root.tabIndex >= 0 ? root.tabIndex : 0;
  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    // A control handles its own keys (the speed list, the loop box, a focused button's Space); browser
    // shortcuts (Alt+← is Back) are left alone.
    if (target.tagName === 'SELECT' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type === 'checkbox')) return;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === ' ' || e.key === 'k') {
      if (target.tagName === 'BUTTON') return;
      e.preventDefault();
      playing ? pause() : play();
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      step(e.key === 'ArrowLeft' ? -1 : 1, e.shiftKey);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      pause();
      seek(e.key === 'Home' ? 0 : last);
    }
  };
  root.addEventListener('keydown', onKey);
  let dead = false;

  // The loss under the pointer: the plot's axes turned back into the plane's (u, v), the engine's loss there.
  const planeLoss: PlaneLoss | null = planeLossOf(scene);
  const hoverAt = (x: number, y: number) => {
    // The surface under the pointer: the one panel's, a grid's cell's, or the starts'.
    const p = drawer.surfacePlots.find(({ rect: r }) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h);
    if (!p || !planeLoss) return null;
    const inv = (axis: typeof p.x, px: number) => axis.domain[0] + ((px - axis.range[0]) * (axis.domain[1] - axis.domain[0])) / (axis.range[1] - axis.range[0]);
    const u = inv(p.x, x);
    const v = inv(p.y, y);
    return { u, v, ...planeLoss(u, v) };
  };
  canvas.addEventListener('pointermove', (e) => {
    const box = canvas.getBoundingClientRect();
    const h = hoverAt(((e.clientX - box.left) * width) / box.width, ((e.clientY - box.top) * height) / box.height);
    const loss = !h || h.loss === null ? '' : `; ${scene.model.lossShort} ${Number.isNaN(h.loss) ? 'undefined here' : num(h.loss)}`;
    hover.textContent = h ? `under the pointer: ${weightsText(h.w)}${loss}` : '';
  });
  canvas.addEventListener('pointerleave', () => (hover.textContent = ''));
  if (scene.view === '3d') {
    canvas.style.cursor = 'grab';
    canvas.title = 'Drag to turn the 3-D view';
    let drag: { x: number; turn: number } | null = null;
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, turn };
      canvas.setPointerCapture(e.pointerId);
      canvas.style.cursor = 'grabbing';
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drag || e.clientX === drag.x) return;
      if (!free) {
        drawer = createFrameDrawer({ ...scene, freeCamera: true });
        free = true;
      }
      turn = drag.turn - (e.clientX - drag.x) * 0.5;
      render();
    });
    const end = () => {
      drag = null;
      canvas.style.cursor = 'grab';
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  seek(0);
  if (!paused && !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) play();
  // Gone (the element's data replaced, or the element removed): its keys and its clock stop.
  const destroy = () => {
    dead = true;
    playing = false;
    root.removeEventListener('keydown', onKey);
  };
  return { scene, iteration: () => iteration, playing: () => playing, seek: (k) => (pause(), seek(k)), play: () => (dead ? undefined : play()), pause, hoverAt, turn: () => (free ? turn : null), destroy };
}

/**
 * <mlvis-player src="run.json" [paused]>: fetches the data `mlvis … --out run.json --format player` wrote and
 * plays it (from the start, unless `paused` or the reader asks for reduced motion); a new `src` loads anew.
 */
export class MlvisPlayerElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['src'];
  }
  handle: Promise<PlayerHandle> | null = null;
  private loaded: string | null = null;
  /** Counts loads: the answer to an older one (its src since changed) is dropped. */
  private generation = 0;
  private current: PlayerHandle | null = null;
  connectedCallback(): void {
    this.load();
  }
  attributeChangedCallback(): void {
    if (this.isConnected) this.load();
  }
  disconnectedCallback(): void {
    this.current?.destroy();
    this.current = null;
    this.loaded = null;
  }
  private load(): void {
    const src = this.getAttribute('src');
    if (!src || src === this.loaded) return;
    this.loaded = src;
    const generation = ++this.generation;
    this.handle = fetch(src)
      .then((r) => {
        if (!r.ok) throw new Error(`could not load ${src}: HTTP ${r.status}`);
        return r.json() as Promise<PageData>;
      })
      .then(async (data) => {
        if (generation !== this.generation) return this.current!;
        this.current?.destroy();
        this.current = null;
        const h = await mount(this, data, this.hasAttribute('paused'));
        if (generation !== this.generation) {
          h.destroy();
          return this.current!;
        }
        this.current = h;
        return h;
      })
      .catch((e: Error) => {
        if (generation === this.generation) this.textContent = `mlvis-player: ${e.message}`;
        throw e;
      });
    this.handle.catch(() => undefined);
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('mlvis-player')) customElements.define('mlvis-player', MlvisPlayerElement);

/** The HTML page's start: its data is the gzip + base64 text of <script id="mlvis-data">. */
export async function startPage(): Promise<PlayerHandle> {
  const text = document.getElementById('mlvis-data')!.textContent!.trim();
  const data = (await gunzipJson(text)) as PageData;
  const root = document.getElementById('mlvis')!;
  const handle = await mount(root, data);
  // The page is the player: its keys work from the start, without a click first.
  root.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
  (window as unknown as { mlvisPlayer: PlayerHandle }).mlvisPlayer = handle;
  return handle;
}
