'use strict';
/**
 * GIF encoders side by side on the same frames: gif-encoder-2 (default settings: NeuQuant, a local palette
 * per frame) against mlvis's encoder (one global palette from gifenc's quantizer, exact colour lookup,
 * unchanged pixels as the transparent index, each frame cut to its changed rectangle, run-matching LZW on
 * a second thread). Each encoder runs in its own child process so that peak RSS is its own.
 *
 *   node bench/encoders.js [FRAMES=100] [WxH=960x480]      (needs `npm run build` first: it loads dist/)
 *
 * Frames: a static gradient background, a polyline that grows each frame, a moving dot and a text line,
 * drawn with @napi-rs/canvas. "encode" counts only the time spent inside the encoder; "total" includes
 * drawing. A "draw only" row is the baseline that both share.
 */
const { execFileSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OUT = join(__dirname, '.out');
const RUNS = ['draw only', 'gif-encoder-2', 'mlvis'];

if (process.argv[2] === '--child') {
  child(process.argv[3], Number(process.argv[4]), process.argv[5]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main();
}

function main() {
  const frames = Number(process.argv[2] ?? 100);
  const size = process.argv[3] ?? '960x480';
  mkdirSync(OUT, { recursive: true });
  console.log(`GIF encoders: ${frames} frames of ${size} (each in its own process)\n`);
  const results = RUNS.map((run) => {
    const out = execFileSync(process.execPath, [__filename, '--child', run, String(frames), size], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return { run, ...JSON.parse(out) };
  });
  const rows = [['encoder', 'encode s', 'ms/frame', 'total s', 'bytes', 'peak RSS MB']];
  for (const r of results) {
    rows.push([
      r.run,
      (r.encodeMs / 1000).toFixed(2),
      (r.encodeMs / frames).toFixed(1),
      (r.totalMs / 1000).toFixed(2),
      r.bytes === null ? '-' : r.bytes.toLocaleString('en-US'),
      r.peakRssMb.toFixed(0),
    ]);
  }
  printTable(rows);
  const [, slow, fast] = results;
  console.log(
    `\nmlvis vs gif-encoder-2: ${(slow.encodeMs / fast.encodeMs).toFixed(1)}x faster to encode, ` +
      `${(slow.bytes / fast.bytes).toFixed(1)}x smaller, peak RSS ${(slow.peakRssMb / fast.peakRssMb).toFixed(1)}x lower`,
  );
  console.log(`files: ${OUT}`);
}

function printTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

async function child(run, frames, size) {
  const [width, height] = size.split('x').map(Number);
  const draw = frameDrawer(width, height, frames);
  const fps = 20;
  const started = performance.now();
  let encodeMs = 0;
  const timed = async (fn) => {
    const t = performance.now();
    const result = await fn();
    encodeMs += performance.now() - t;
    return result;
  };
  const yieldLoop = () => new Promise(setImmediate); // canvas pixel reads are freed when the loop turns
  let bytes = null;

  if (run === 'draw only') {
    for (let k = 0; k < frames; k++) {
      draw(k);
      await yieldLoop();
    }
  } else if (run === 'gif-encoder-2') {
    const GIFEncoder = require('gif-encoder-2');
    const gif = new GIFEncoder(width, height);
    gif.setDelay(1000 / fps);
    gif.setRepeat(0);
    gif.start();
    for (let k = 0; k < frames; k++) {
      const pixels = draw(k);
      await timed(() => gif.addFrame(pixels));
      await yieldLoop();
    }
    const data = await timed(() => {
      gif.finish();
      return gif.out.getData();
    });
    writeFileSync(join(OUT, 'gif-encoder-2.gif'), data);
    bytes = data.length;
  } else {
    const { createEncoder } = require('../dist/encode');
    const paletteSamples = [Uint8Array.from(draw(0)), Uint8Array.from(draw(frames - 1))];
    const encoder = createEncoder('gif', {
      path: join(OUT, 'mlvis-gifenc.gif'),
      width,
      height,
      fps,
      holdSeconds: 1.5,
      loop: 0,
      frameCount: frames,
      paletteSamples,
    });
    await timed(() => encoder.start());
    for (let k = 0; k < frames; k++) {
      const pixels = draw(k);
      await timed(() => encoder.addFrame(pixels));
      await yieldLoop(); // as the pipeline does: addFrame returns at once while the encoding thread keeps up
    }
    bytes = (await timed(() => encoder.finish())).bytes;
  }
  const totalMs = performance.now() - started;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ encodeMs, totalMs, bytes, peakRssMb }));
}

/** A plot-like frame k: cached gradient background, the path so far, the current point and a title. */
function frameDrawer(width, height, frames) {
  const { createCanvas, GlobalFonts } = require('@napi-rs/canvas');
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), 'DejaVu Sans');
  const background = createCanvas(width, height);
  const bg = background.getContext('2d');
  const gradient = bg.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#440154');
  gradient.addColorStop(0.5, '#21918c');
  gradient.addColorStop(1, '#fde725');
  bg.fillStyle = gradient;
  bg.fillRect(0, 0, width / 2, height);
  bg.fillStyle = '#ffffff';
  bg.fillRect(width / 2, 0, width / 2, height);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const point = (i) => {
    const t = i / Math.max(1, frames - 1);
    const r = (1 - t) * 0.4 * height;
    return [width / 4 + r * Math.cos(6 * t), height / 2 + r * Math.sin(6 * t)];
  };
  return (k) => {
    ctx.drawImage(background, 0, 0);
    ctx.strokeStyle = '#e4572e';
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let i = 0; i <= k; i++) ctx[i === 0 ? 'moveTo' : 'lineTo'](...point(i));
    ctx.stroke();
    const [x, y] = point(k);
    ctx.fillStyle = '#ffffff';
    ctx.beginPath();
    ctx.arc(x, y, 5, 0, 2 * Math.PI);
    ctx.fill();
    const slope = (k + 1) / frames;
    ctx.strokeStyle = '#1f77b4';
    ctx.beginPath();
    ctx.moveTo(width / 2 + 20, height - 40);
    ctx.lineTo(width - 20, height - 40 - slope * (height - 80));
    ctx.stroke();
    ctx.fillStyle = '#222222';
    ctx.font = '16px "DejaVu Sans"';
    ctx.fillText(`iteration ${k + 1} / ${frames}   loss ${(1 / (k + 1)).toFixed(4)}`, width / 2 + 20, 28);
    return canvas.data();
  };
}
