/**
 * A format added to the registry is one entry: here a made-up one (every frame's raw RGBA) is appended to
 * src/encode/registry.ts for this whole file, and it shows up in --format, the job schema, the file names
 * --out takes, which options reach it, the messages that name formats and --help, and a run writes it.
 * Nothing else is changed for it, so every list these tests read is derived from the registry.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Encoder, EncoderOptions } from '../../src/encode/encoder';
import type { FormatEntry } from '../../src/encode/registry';
import { messages } from '../../src/errors';
import { run } from '../../src/index';
import { jobJsonSchema } from '../../src/options/jsonSchema';
import { outputOf } from '../../src/options/outputs';
import { resolveConfig } from '../../src/options/resolve';
import { OPTION_TABLE } from '../../src/options/table';
import { mlvisInProcess } from '../helpers/cli';
import { tempFolder } from './helpers';

jest.mock('../../src/encode/registry', () => {
  const real = jest.requireActual('../../src/encode/registry') as typeof import('../../src/encode/registry');
  return { ...real, ENCODERS: [...real.ENCODERS, mockFormat()] };
});

/** A made-up format: every frame's raw RGBA, one after another (stands in for a format added later). */
function mockFormat(): FormatEntry {
  return {
    id: 'rawrgba',
    name: 'RawRGBA',
    extensions: ['rgba', 'raw'],
    applies: { frames: 'animation', loops: true, video: true, stdout: true },
    note: 'every frame as raw RGBA',
    create: (o: EncoderOptions): Encoder => {
      const chunks: Buffer[] = [];
      return {
        start: async () => {},
        addFrame: async (rgba) => void chunks.push(Buffer.from(rgba)),
        finish: async () => {
          await writeFile(o.path, Buffer.concat(chunks));
          return { path: o.path, bytes: chunks.length * o.width * o.height * 4, files: 1 };
        },
        abort: async () => {},
      };
    },
  };
}

describe('a format added to the registry (one entry) is known everywhere formats are listed', () => {
  it('--format, the job schema and the file names --out takes', () => {
    expect(OPTION_TABLE.format.choices).toEqual(['gif', 'mp4', 'webm', 'png', 'html', 'player', 'rawrgba']);
    expect(OPTION_TABLE.format.arg).toBe('<gif|mp4|webm|png|html|player|rawrgba>');
    expect((jobJsonSchema().properties as Record<string, { enum?: string[] }>).format.enum).toEqual(['gif', 'mp4', 'webm', 'png', 'html', 'player', 'rawrgba']);
    expect(outputOf('x/a.RAW').format).toBe('rawrgba');
    expect(outputOf('-', 'rawrgba' as never).format).toBe('rawrgba');
  });

  it('which options reach it, by what it needs', () => {
    expect(OPTION_TABLE.loop.applies?.outputs).toEqual(['gif', 'html', 'player', 'rawrgba']);
    expect(OPTION_TABLE.poster.applies?.outputs).toEqual(['mp4', 'webm', 'rawrgba']);
    expect(OPTION_TABLE.fps.applies?.outputs).toEqual(['gif', 'mp4', 'webm', 'html', 'player', 'rawrgba']);
    expect(OPTION_TABLE.frames.applies?.outputs).toEqual(['gif', 'mp4', 'webm', 'html', 'player', 'rawrgba', 'sequence']);
    expect(OPTION_TABLE.ffmpeg.applies?.outputs).toEqual(['mp4', 'webm']);
    // It is a video, so --poster writes a PNG beside it; it needs no even size.
    const config = resolveConfig({ model: 'linear', out: 'a.rgba', poster: true, width: 321, height: 201 });
    expect(config.outputs.map((o) => [o.path, o.format])).toEqual([['a.rgba', 'rawrgba'], ['a.png', 'png']]);
    expect([config.width, config.height]).toEqual([321, 201]);
  });

  it('the messages that name formats', () => {
    expect(messages.badFormat('a.avi')).toContain('use a name ending in .gif, .mp4, .webm, .png, .html or .rgba (or .json with --format player)');
    expect(messages.stdoutNeedsFormat()).toContain('--format gif, mp4, webm, png, html, player or rawrgba');
    expect(messages.nothingToDo()).toContain('(.gif, .mp4, .webm, .png, .html, .json, .rgba)');
    expect(messages.largeGif('a.gif', 2e7)).toContain('write .mp4, .webm or .rgba for the web');
  });

  it('--help', async () => {
    const help = (await mlvisInProcess(['linear', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--loop <n> GIF/HTML page/player data/RawRGBA: play n times (0 = forever)');
    expect(help).toContain('--ffmpeg <path> ffmpeg binary for MP4/WebM (default');
    expect(help).toContain('--format <gif|mp4|webm|png|html|player|rawrgba>');
    expect(help).toContain('write .gif, .mp4, .webm, .png (a still; frames/%04d.png for every frame), .html (an interactive page: play, pause, scrub, hover), .json (with --format player: the data <mlvis-player> plays) or .rgba (every frame as raw RGBA); give it again');
  });

  it('a run writes it through its create', async () => {
    const { dir, cleanup } = await tempFolder();
    try {
      const path = join(dir, 'fit.rgba');
      const { summary } = await run({ model: 'linear', iterations: 20, frames: 4, width: 320, height: 160, out: path });
      expect(summary.outputs).toEqual([{ path, format: 'rawrgba', frames: 4, bytes: 4 * 320 * 160 * 4 }]);
      const bytes = await readFile(path);
      expect(bytes.length).toBe(4 * 320 * 160 * 4);
      // Opaque frames, and not all one colour: drawn frames, not zeros.
      expect(bytes[3]).toBe(255);
      expect(new Set(bytes.subarray(0, 320 * 160 * 4)).size).toBeGreaterThan(10);
    } finally {
      await cleanup();
    }
  });
});

