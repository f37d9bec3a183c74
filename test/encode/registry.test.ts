/**
 * The encoders' registry (src/encode/registry.ts): every entry's `create` writes a file that decodes as its
 * format; the format lists of options, help, messages and the job schema are read from it (a made-up entry
 * shows up in each, and a run writes it); and nothing of an encoder loads before a file is written.
 */
import { spawnSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { run } from '../../src/index';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { encodeAll } from '../../src/encode';
import { ENCODERS, type FormatEntry } from '../../src/encode/registry';
import { formatIds, formatsWhere } from '../../src/encode/formats';
import type { Encoder, EncoderOptions } from '../../src/encode/encoder';
import { FORMATS, outputOf } from '../../src/options/outputs';
import { OPTION_TABLE } from '../../src/options/table';
import { jobJsonSchema } from '../../src/options/jsonSchema';
import { FFMPEG, gifFrames, probe } from '../helpers/media';
import { ROOT } from '../helpers/cli';
import { colourAt, frames, H, optionsFor, tempFolder, W } from './helpers';

const N = 3;

/** The RGBA pixels of a PNG file, decoded by @napi-rs/canvas. */
async function pngPixels(path: string): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const image = await loadImage(await readFile(path));
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

/** Frame k of a video, decoded by ffmpeg to RGB. */
function videoFrameRgb(path: string, k: number): Buffer {
  const r = spawnSync(FFMPEG, ['-v', 'error', '-i', path, '-vf', `select=eq(n\\,${k})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`ffmpeg cannot decode ${path}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Pixels at the centre of four stripes and of frame k's red square: exact for lossless formats; for video
 * within `tolerance` on the wide stripes and `square` on the small square (yuv420p and a lossy codec).
 */
function expectFrame(rgbAt: (x: number, y: number) => number[], k: number, tolerance: number, square = tolerance): void {
  for (const [x, y, within] of [[4, 4, tolerance], [12, 40, tolerance], [20, 4, tolerance], [28, 40, tolerance], [6 + 4 * k, 24, square]]) {
    const want = colourAt(k, x, y);
    rgbAt(x, y).forEach((v, c) => expect(Math.abs(v - want[c])).toBeLessThanOrEqual(within));
  }
}

/** How each format's file is decoded and checked; a format added to the registry needs a line here too. */
const DECODE: Record<string, (path: string) => Promise<void>> = {
  gif: async (path) => {
    const { reader, frames: decoded } = gifFrames(await readFile(path));
    expect([reader.width, reader.height, decoded.length]).toEqual([W, H, N]);
    decoded.forEach((f, k) => expectFrame((x, y) => Array.from(f.subarray((y * W + x) * 4, (y * W + x) * 4 + 3)), k, 0));
  },
  mp4: async (path) => {
    expect(probe(path)).toEqual({ codec: 'h264', width: W, height: H, pixfmt: 'yuv420p', frames: N });
    const rgb = videoFrameRgb(path, 2);
    expectFrame((x, y) => Array.from(rgb.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)), 2, 12, 40);
  },
  webm: async (path) => {
    expect(probe(path)).toEqual({ codec: 'vp9', width: W, height: H, pixfmt: 'yuv420p', frames: N });
    const rgb = videoFrameRgb(path, 2);
    expectFrame((x, y) => Array.from(rgb.subarray((y * W + x) * 3, (y * W + x) * 3 + 3)), 2, 12, 40);
  },
  png: async (path) => {
    const { width, height, data } = await pngPixels(path);
    expect([width, height]).toEqual([W, H]);
    expectFrame((x, y) => Array.from(data.subarray((y * W + x) * 4, (y * W + x) * 4 + 3)), 0, 0);
  },
  // Written from a run's scene (see below): the player's data, inline in the page or as the file.
  html: async (path) => {
    const html = await readFile(path, 'utf8');
    const data = /<script id="mlvis-data" type="application\/octet-stream">([^<]*)<\/script>/.exec(html)![1];
    expectPlayerData(JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')));
  },
  player: async (path) => expectPlayerData(JSON.parse(await readFile(path, 'utf8'))),
};

function expectPlayerData(d: { format: string; frames: number[]; scene: { value: { width: number; height: number } } }): void {
  expect(d.format).toBe('mlvis-player');
  expect(d.frames).toHaveLength(N);
  expect([d.scene.value.width, d.scene.value.height]).toEqual([320, 160]);
}

describe.each(ENCODERS.map((e) => [e.id, e as FormatEntry] as const))('the registry entry %s', (id, entry) => {
  it('has a decoder in this test', () => {
    expect(Object.keys(DECODE)).toContain(id);
  });

  it(`${entry.applies.scene ? 'is written by a run into a file that' : 'creates an encoder whose file'} decodes as ${id}`, async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      if (entry.applies.scene) {
        const path = join(dir, `out.${entry.extensions[0]}`);
        await run({ model: 'linear', iterations: 20, frames: N, width: 320, height: 160, out: path, ...(entry.applies.named ? { format: id as 'player' } : {}) });
        expect(await readdir(dir)).toEqual([`out.${entry.extensions[0]}`]);
        return await DECODE[id](path);
      }
      const still = entry.applies.frames === 'still';
      const path = join(dir, `out.${entry.extensions[0]}`);
      const encoder = entry.create(optionsFor(path, { frameCount: still ? 1 : N, ffmpegPath: FFMPEG }));
      const result = await encodeAll(encoder, still ? frames(1) : frames(N));
      expect(result.path).toBe(path);
      expect(result.files).toBe(1);
      expect(await readdir(dir)).toEqual([`out.${entry.extensions[0]}`]);
      await DECODE[id](path);
    } finally {
      await cleanup();
    }
  });

  if (entry.applies.frames === 'still') {
    it('writes one decodable file per frame for a %04d name', async () => {
      const { dir, cleanup } = await tempFolder();
      try {
        const encoder = entry.create(optionsFor(join(dir, `f%04d.${entry.extensions[0]}`), { frameCount: N }));
        expect((await encodeAll(encoder, frames(N))).files).toBe(N);
        const names = (await readdir(dir)).sort();
        expect(names).toEqual(['0000', '0001', '0002'].map((k) => `f${k}.${entry.extensions[0]}`));
        // Frame k of the sequence is frame k of the animation.
        for (const [k, name] of names.entries()) {
          const { data } = await pngPixels(join(dir, name));
          expectFrame((x, y) => Array.from(data.subarray((y * W + x) * 4, (y * W + x) * 4 + 3)), k, 0);
        }
      } finally {
        await cleanup();
      }
    });
  }
});

describe('the format lists are the registry', () => {
  it('in the options, --format, the job schema and the extensions --out accepts', () => {
    const ids = ENCODERS.map((e) => e.id);
    expect(FORMATS).toEqual(ids);
    expect(formatIds()).toEqual(ids);
    expect(OPTION_TABLE.format.choices).toEqual(formatsWhere((a) => a.stdout));
    expect((jobJsonSchema().properties as Record<string, { enum?: string[] }>).format.enum).toEqual(formatsWhere((a) => a.stdout));
    for (const e of ENCODERS) for (const ext of e.extensions) expect(outputOf(`a/b.${ext.toUpperCase()}`, (e.applies as { named?: true }).named ? (e.id as 'player') : undefined).format).toBe(e.id);
  });
});

describe('start-up', () => {
  it('--version and the format lists load no encoder, canvas or ffmpeg (the built modules)', () => {
    const script = `
      process.argv = [process.argv[0], 'mlvis', '--version'];
      require(${JSON.stringify(join(ROOT, 'dist', 'cli.js'))}).main(process.argv);
      const formats = require(${JSON.stringify(join(ROOT, 'dist', 'encode', 'formats.js'))});
      formats.formatIds(); formats.formatOfName('a.mp4');
      process.on('exit', () => process.stderr.write('loaded:' + Object.keys(require.cache).join(',')));`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = /loaded:(.*)$/.exec(r.stderr)![1].split(',');
    expect(loaded.some((k) => k.endsWith(join('dist', 'encode', 'registry.js')))).toBe(true);
    const heavy = loaded.filter((k) => /dist\/encode\/(gif|png|video|ffmpeg|encoder)\.js$|@napi-rs|@ffmpeg-installer|gifenc|dist\/render\/index\.js$/.test(k));
    expect(heavy).toEqual([]);
  });
});
