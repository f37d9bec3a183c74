import { isWholeContainer } from '../../src/encode/container';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { messages } from '../../src/errors';
import { resolveFfmpeg, systemFfmpeg } from '../../src/encode/ffmpeg';
import { createEncoder, encodeAll, type OutputFormat } from '../../src/encode';
import { FFMPEG, videoStream } from '../helpers/media';
import { colourAt, frames, H, listing, optionsFor, run, tempFolder, W } from './helpers';


let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await tempFolder()));
afterAll(() => cleanup());

/** Codec, pixel format and size from ffprobe's JSON, the decoded frame count, and frame 0 as RGBA. */
async function probe(path: string) {
  const stream = videoStream(path, true);
  const first = await run(FFMPEG, ['-v', 'error', '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
  return {
    codec: stream.codec_name,
    pixelFormat: stream.pix_fmt,
    size: `${stream.width}x${stream.height}`,
    frames: Number(stream.nb_read_frames),
    first: first.stdout,
  };
}

describe.each([
  ['mp4', 'h264'],
  ['webm', 'vp9'],
] as [OutputFormat, string][])('%s encoder', (format, codec) => {
  test(`writes ${codec}, yuv420p, the frame size, and the frames plus round(hold * fps) hold frames`, async () => {
    const path = join(dir, `out.${format}`);
    const result = await encodeAll(
      createEncoder(format, optionsFor(path, { frameCount: 10, fps: 10, holdSeconds: 0.5 })),
      frames(10),
    );
    expect(result.files).toBe(1);
    expect(result.bytes).toBeGreaterThan(0);
    const p = await probe(path);
    expect(p).toMatchObject({ codec, pixelFormat: 'yuv420p', size: `${W}x${H}`, frames: 15 });
    // Colours survive the RGBA -> yuv420p round trip (channel order, range): the centre of a wide stripe.
    for (const [x, y] of [[4, 4], [12, 40], [20, 4], [28, 40]]) {
      const i = (y * W + x) * 4;
      const got = [p.first[i], p.first[i + 1], p.first[i + 2]];
      colourAt(0, x, y).forEach((c, ch) => expect(Math.abs(got[ch] - c)).toBeLessThanOrEqual(12));
    }
    expect((await listing(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('held frames padded by ffmpeg (tpad, for an ffmpeg mlvis chose) are the same packets as held frames written again', async () => {
    // The ffmpeg under test behind a stand-in that logs its arguments and says it is version 9.9 with both
    // encoders: found on PATH it is one mlvis chose; named by MLVIS_FFMPEG it is not, and gets the frames.
    const folder = join(dir, `logging-${format}`);
    const real = await resolveFfmpeg();
    await mkdir(folder, { recursive: true });
    const log = join(folder, 'args.log');
    const standInPath = join(folder, 'ffmpeg');
    await writeFile(
      standInPath,
      `#!/bin/sh\ncase "$2" in -version) echo "ffmpeg version 9.9 Copyright"; exit 0;; -encoders) printf ' V....D libx264  H.264\\n V....D libvpx-vp9  VP9\\n'; exit 0;; esac\n` +
        `echo "$@" >> '${log}'\nexec '${real}' "$@"\n`,
    );
    await chmod(standInPath, 0o755);
    const [padded, written] = ['padded', 'written'].map((n) => join(dir, `hold-${n}.${format}`));
    const hold = { frameCount: 6, fps: 10, holdSeconds: 0.8 };
    await encodeAll(createEncoder(format, optionsFor(padded, { ...hold, env: { PATH: folder } })), frames(6));
    await encodeAll(createEncoder(format, optionsFor(written, { ...hold, env: { MLVIS_FFMPEG: standInPath } })), frames(6));
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toContain('tpad=stop_mode=clone:stop=8');
    expect(calls[1]).not.toContain('tpad');
    // Every packet's timing and bytes (FFmpeg 5's Matroska muxer gives each file a random track UID, so the
    // files themselves differ).
    const packets = async (path: string) => (await run(FFMPEG, ['-v', 'error', '-i', path, '-c', 'copy', '-f', 'framemd5', '-'])).stdout.toString();
    expect(await packets(padded)).toBe(await packets(written));
    expect((await packets(padded)).split('\n').filter((l) => /^0,/.test(l))).toHaveLength(14);
    expect((await probe(padded)).frames).toBe(14);
  });

  test('frames handed over as views at any offset are written as they are, and only what changed is converted again', async () => {
    const [plain, viewed] = ['plain', 'viewed'].map((n) => join(dir, `${n}.${format}`));
    await encodeAll(createEncoder(format, optionsFor(plain, { frameCount: 4 })), frames(4));
    // Each frame a view 3 bytes into a larger buffer: the encoder must read exactly the view.
    const views = frames(4).map((f) => {
      const backing = new Uint8Array(f.length + 7).fill(99);
      backing.set(f, 3);
      return backing.subarray(3, 3 + f.length);
    });
    await encodeAll(createEncoder(format, optionsFor(viewed, { frameCount: 4 })), views);
    const [a, b] = await Promise.all([probe(plain), probe(viewed)]);
    expect(b.frames).toBe(4);
    expect(Buffer.compare(a.first, b.first)).toBe(0);
  });
});

describe('ffmpeg failures', () => {
  async function fakeFfmpeg(name: string, script: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, `#!/bin/sh\n${script}\n`);
    await chmod(path, 0o755);
    return path;
  }

  test('an ffmpeg that exits 1 rejects with its reason, and leaves the target untouched', async () => {
    const ffmpegPath = await fakeFfmpeg('fail.sh', `echo "ffmpeg version fake" >&2\necho "Unknown encoder 'libx264'" >&2\nexit 1`);
    const path = join(dir, 'kept.mp4');
    await writeFile(path, 'old');
    const before = await listing(dir);
    const encoder = createEncoder('mp4', optionsFor(path, { frameCount: 5, ffmpegPath }));
    await expect(encodeAll(encoder, frames(5))).rejects.toMatchObject({
      message: messages.ffmpegFailed("Unknown encoder 'libx264'"),
    });
    expect(await listing(dir)).toEqual(before);
    expect(await run('/bin/cat', [path])).toMatchObject({ stdout: Buffer.from('old') });
  });

  test('an ffmpeg that dies while frames wait for drain rejects instead of hanging', async () => {
    // Reads ~100 KB, then fails: later frames are blocked on backpressure when it exits.
    const ffmpegPath = await fakeFfmpeg('dies.sh', `head -c 100000 >/dev/null\necho "Error: out of memory" >&2\nexit 1`);
    const path = join(dir, 'dies.webm');
    const encoder = createEncoder('webm', optionsFor(path, { frameCount: 60, ffmpegPath }));
    await expect(encodeAll(encoder, frames(60))).rejects.toMatchObject({
      message: messages.ffmpegFailed('Error: out of memory'),
    });
    expect((await listing(dir)).filter((n) => n.startsWith('.dies.webm') || n === 'dies.webm')).toEqual([]);
  });

  test('an ffmpeg that exits 0 without writing anything is a failure, not an empty file', async () => {
    const ffmpegPath = await fakeFfmpeg('quiet.sh', 'exit 0');
    const path = join(dir, 'quiet.mp4');
    await expect(
      encodeAll(createEncoder('mp4', optionsFor(path, { frameCount: 1, ffmpegPath })), frames(1)),
    ).rejects.toMatchObject({ message: expect.stringMatching(/^ffmpeg failed: /) });
    expect((await listing(dir)).filter((n) => n.includes('quiet.mp4'))).toEqual([]);
  });

  test('a missing ffmpeg binary is reported before anything is written', async () => {
    const ffmpegPath = join(dir, 'no-such-ffmpeg');
    const path = join(dir, 'sub', 'never.mp4');
    await expect(
      encodeAll(createEncoder('mp4', optionsFor(path, { frameCount: 1, ffmpegPath })), frames(1)),
    ).rejects.toMatchObject({ message: messages.ffmpegNotFound(ffmpegPath) });
    expect(await listing(dir)).not.toContain('sub');
  });

  test('a folder or a non-executable file is not an ffmpeg', async () => {
    const notExecutable = join(dir, 'plain.txt');
    await writeFile(notExecutable, 'x');
    await expect(createEncoder('mp4', optionsFor(join(dir, 'x.mp4'), { ffmpegPath: dir })).start()).rejects.toMatchObject({ message: messages.ffmpegNotFound(dir) });
    // As root every file passes the execute check only when some x bit is set; plain.txt has none.
    await expect(createEncoder('mp4', optionsFor(join(dir, 'x.mp4'), { ffmpegPath: notExecutable })).start()).rejects.toMatchObject({
      message: messages.ffmpegNotExecutable(notExecutable),
    });
  });
});

describe.each(['mp4', 'webm'] as OutputFormat[])('%s colour', (format) => {
  test('is BT.709, tagged so, and decodes to the colours drawn at 1280x720 within a few levels', async () => {
    const [w, h] = [1280, 720];
    const green = [134, 212, 73];
    const px = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) px.set([...green, 255], i * 4);
    const path = join(dir, `green.${format}`);
    await encodeAll(createEncoder(format, optionsFor(path, { width: w, height: h, frameCount: 2, fps: 10, holdSeconds: 0 })), [px, px]);
    expect(videoStream(path)).toMatchObject({ pix_fmt: 'yuv420p', color_range: 'tv', color_space: 'bt709', color_primaries: 'bt709', color_transfer: 'bt709' });
    // Decoded as a BT.709-aware player decodes it.
    const rgb = await run(FFMPEG, ['-v', 'error', '-i', path, '-vf', 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24', '-frames:v', '1', '-f', 'rawvideo', '-']);
    const at = ((h / 2) * w + w / 2) * 3;
    const got = [rgb.stdout[at], rgb.stdout[at + 1], rgb.stdout[at + 2]];
    got.forEach((v, k) => expect(Math.abs(v - green[k])).toBeLessThanOrEqual(6));
  });
});

describe('an ffmpeg that hangs', () => {
  test('gives way at once to a stop from outside, long before the watchdog', async () => {
    await writeFile(join(dir, 'hang2.sh'), '#!/bin/sh\nexec sleep 30\n');
    await chmod(join(dir, 'hang2.sh'), 0o755);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const encoder = createEncoder('mp4', optionsFor(join(dir, 'stopped.mp4'), { frameCount: 40, fps: 10, holdSeconds: 0, ffmpegPath: join(dir, 'hang2.sh'), signal: controller.signal }));
    const t0 = Date.now();
    await expect(encodeAll(encoder, frames(40))).rejects.toThrow(messages.interrupted());
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await listing(dir)).filter((f) => f.startsWith('.stopped'))).toEqual([]);
  });

  test('is stopped by the watchdog: the encode fails, the child is ended, no temporary file is left', async () => {
    await writeFile(join(dir, 'hang.sh'), '#!/bin/sh\nexec sleep 30\n');
    await chmod(join(dir, 'hang.sh'), 0o755);
    const path = join(dir, 'hung.mp4');
    const encoder = createEncoder('mp4', optionsFor(path, { frameCount: 400, fps: 10, holdSeconds: 0, ffmpegPath: join(dir, 'hang.sh'), watchdogMs: 500 }));
    const t0 = Date.now();
    // 400 frames of 64x48 (1.8 MB as yuv420p) outgrow the pipe's buffer, so the writes wait for a reader that never reads.
    await expect(encodeAll(encoder, frames(400))).rejects.toThrow(messages.ffmpegStuck(0.5, 'read a frame'));
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect((await listing(dir)).filter((f) => f.startsWith('.hung'))).toEqual([]);
  });
});

describe('the same frames give the same bytes', () => {
  test.each(['mp4', 'webm'] as const)('%s: two encodes a second apart are byte-identical (no time of writing in the header)', async (format) => {
    // Matroska writes the time of writing (DateUTC) unless told +bitexact: two WebM runs differed at byte 285.
    const a = join(dir, `same-a.${format}`);
    const b = join(dir, `same-b.${format}`);
    await encodeAll(createEncoder(format, optionsFor(a, { frameCount: 4 })), frames(4));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await encodeAll(createEncoder(format, optionsFor(b, { frameCount: 4 })), frames(4));
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });
});

describe('what ffmpeg wrote is checked', () => {
  test('an ffmpeg that exits 0 after writing garbage does not replace the existing file', async () => {
    const fake = join(dir, 'garbage.sh');
    // Writes junk to its last argument (file:PATH) and succeeds.
    await writeFile(fake, '#!/bin/sh\nfor last; do :; done\ncat >/dev/null\necho "not a video at all" > "${last#file:}"\n');
    await chmod(fake, 0o755);
    for (const format of ['mp4', 'webm'] as const) {
      const target = join(dir, `kept.${format}`);
      await writeFile(target, 'old');
      await expect(encodeAll(createEncoder(format, optionsFor(target, { frameCount: 2, ffmpegPath: fake })), frames(2))).rejects.toThrow(/is not a(n MP4| WebM) file/);
      expect(readFileSync(target, 'utf8')).toBe('old');
    }
  });

  test('a forged signature or a cut-off file is refused, a whole one accepted', async () => {
    // Twelve bytes of `ftyp` passed a check of the signature alone.
    const forged = join(dir, 'forged.sh');
    await writeFile(forged, '#!/bin/sh\nfor last; do :; done\ncat >/dev/null\nprintf "\\000\\000\\000\\014ftypisom" > "${last#file:}"\n');
    await chmod(forged, 0o755);
    const target = join(dir, 'kept-forged.mp4');
    await writeFile(target, 'old');
    await expect(encodeAll(createEncoder('mp4', optionsFor(target, { frameCount: 2, ffmpegPath: forged })), frames(2))).rejects.toThrow(/is not an MP4 file/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    for (const format of ['mp4', 'webm'] as const) {
      const whole = join(dir, `whole.${format}`);
      await encodeAll(createEncoder(format, optionsFor(whole, { frameCount: 3 })), frames(3));
      expect(await isWholeContainer(whole, format)).toBe(true);
      expect(await isWholeContainer(whole, format === 'mp4' ? 'webm' : 'mp4')).toBe(false);
      const bytes = readFileSync(whole);
      const cut = join(dir, `cut.${format}`);
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      expect(await isWholeContainer(cut, format)).toBe(false);
    }
  });

  test('a name with a colon or a URL is a plain file to ffmpeg, never a protocol', async () => {
    for (const name of ['run:1.mp4', 'http:x.webm']) {
      const path = join(dir, name);
      const result = await encodeAll(createEncoder(name.endsWith('mp4') ? 'mp4' : 'webm', optionsFor(path, { frameCount: 2 })), frames(2));
      expect(result.bytes).toBeGreaterThan(0);
      expect(statSync(path).size).toBe(result.bytes);
    }
  });
});

describe('which ffmpeg runs', () => {
  async function standIn(folder: string, version: string, encoders: string): Promise<string> {
    await mkdir(folder, { recursive: true });
    const script = `#!/bin/sh\ncase "$2" in -version) echo "ffmpeg version ${version} Copyright";; -encoders) printf '${encoders}\\n';; esac\n`;
    await writeFile(join(folder, 'ffmpeg'), script);
    await chmod(join(folder, 'ffmpeg'), 0o755);
    return join(folder, 'ffmpeg');
  }

  test('prefers a newer ffmpeg on PATH that has both encoders, else the bundled one', async () => {
    const good = await standIn(join(dir, 'path-good'), '6.1.1', ' V....D libx264  H.264\\n V....D libvpx-vp9  VP9');
    expect(systemFfmpeg({ PATH: `${join(dir, 'path-good')}:/nonexistent` })).toBe(good);
    await standIn(join(dir, 'path-old'), '4.0.2', ' V....D libx264  H.264\\n V....D libvpx-vp9  VP9');
    expect(systemFfmpeg({ PATH: join(dir, 'path-old') })).toBeUndefined();
    await standIn(join(dir, 'path-novp9'), '7.0', ' V....D libx264  H.264');
    expect(systemFfmpeg({ PATH: join(dir, 'path-novp9') })).toBeUndefined();
    expect(systemFfmpeg({ PATH: join(dir, 'nothing-here') })).toBeUndefined();
  });
});
