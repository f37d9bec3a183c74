/**
 * Golden frames of --view 3d (a still camera on the linear and logistic test scenes, and the middle frame
 * of an orbit), and proof that they matter: the same frame without the star, without the mesh or with the
 * path stopped at its start fails the comparison.
 */
import { createRenderer } from '../../../src/render';
import type { FrameTime, Scene } from '../../../src/types';
import { makeRace, makeScene } from '../fixtures';
import { compareWithGolden, decodePng, GOLDEN_DIR, mismatchedPixels } from '../goldenFiles';

const linear3d = (): Scene => ({ ...makeScene('linear'), view: '3d' });
const logistic3d = (): Scene => ({ ...makeScene('logistic', { theme: 'dark' }), view: '3d' });
const orbit3d = (): Scene => ({ ...makeRace('linear', { panels: ['surface', 'fit'] }), view: '3d', orbit: 180 });
/** The middle frame of a 61-frame animation over the 60 iterations of the test scenes. */
const MIDDLE: FrameTime = { index: 30, count: 61, seconds: 1.5, iteration: 30 };

const draw = (scene: Scene, at: FrameTime | number = MIDDLE) => Buffer.from(createRenderer(scene).drawFrame(at));

/** Pixels that differ from a golden, without ever writing it (UPDATE_GOLDEN must not store a broken frame). */
async function differsFrom(name: string, px: Uint8Array): Promise<number> {
  const gold = await decodePng(`${GOLDEN_DIR}/${name}.png`);
  return mismatchedPixels(px, gold.px);
}

describe('golden frames of --view 3d', () => {
  it.each<[string, () => Scene, FrameTime | number]>([
    ['view3d-linear-middle', linear3d, MIDDLE],
    ['view3d-linear-last', linear3d, 60],
    ['view3d-logistic-dark-middle', logistic3d, MIDDLE],
    ['view3d-orbit-race-middle', orbit3d, MIDDLE],
  ])('%s matches its golden image', async (name, make, at) => {
    expect(await compareWithGolden(name, draw(make(), at), 960, 480)).toBe(0);
  });

  it('draws the orbit\'s middle frame from a camera turned half of the orbit', async () => {
    // The first frame of the same orbit is a different picture; a still camera's middle frame too.
    expect(await differsFrom('view3d-orbit-race-middle', draw(orbit3d(), { ...MIDDLE, index: 0 }))).toBeGreaterThan(20000);
    expect(await differsFrom('view3d-orbit-race-middle', draw({ ...orbit3d(), orbit: 0 }))).toBeGreaterThan(20000);
  });
});

describe('the 3-D golden comparison fails when a part is missing', () => {
  const golden = 'view3d-linear-middle';

  it('without the star (the minimum moved out of the window)', async () => {
    const scene = linear3d();
    scene.surface = { ...scene.surface, landmarks: scene.surface.landmarks.map((m) => ({ ...m, u: 1e6, v: 1e6 })) };
    const bad = await differsFrom(golden, draw(scene));
    expect(bad).toBeGreaterThan(30);
    expect(bad).toBeLessThan(600);
  });

  it('without the mesh (a flat surface)', async () => {
    const scene = linear3d();
    scene.grid = { ...scene.grid, values: new Float64Array(scene.grid.values.length).fill(scene.optimum!.loss) };
    expect(await differsFrom(golden, draw(scene))).toBeGreaterThan(20000);
  });

  it('without the path (the descent stays at its start)', async () => {
    const scene = linear3d();
    const s = scene.series[0];
    const { w, loss } = s.trajectory;
    const still = { w: w.map((c) => new Float64Array(c.length).fill(c[0])), loss: new Float64Array(loss.length).fill(loss[0]) };
    scene.series = [{ ...s, trajectory: still }];
    scene.surface = { ...scene.surface, paths: [{ u: still.w[0], v: still.w[1], loss: still.loss }] };
    // The fit panel and the title change too: only the surface panel (left of x = 470, below the title) is compared.
    const px = draw(scene);
    const keepSurface = (b: Buffer) => {
      const out = Buffer.alloc(b.length);
      for (let y = 40; y < 480; y++) b.copy(out, (y * 960) * 4, (y * 960) * 4, (y * 960 + 470) * 4);
      return out;
    };
    const gold = await decodePng(`${GOLDEN_DIR}/${golden}.png`);
    expect(mismatchedPixels(keepSurface(px), keepSurface(Buffer.from(gold.px)))).toBeGreaterThan(150);
  });
});

describe('--view 3d is deterministic', () => {
  it('draws the same pixels for the same frame, whatever was drawn before and in a new renderer', () => {
    const a = createRenderer(orbit3d());
    const first = Buffer.from(a.drawFrame(MIDDLE));
    a.drawFrame({ ...MIDDLE, index: 3, iteration: 3 });
    a.drawFrame({ ...MIDDLE, index: 60, iteration: 60 });
    expect(Buffer.from(a.drawFrame(MIDDLE)).equals(first)).toBe(true);
    expect(draw(orbit3d()).equals(first)).toBe(true);
  });
});
