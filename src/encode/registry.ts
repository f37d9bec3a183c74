/**
 * The output formats, one line each. Everything that lists or checks formats reads it (through formats.ts):
 * the file-name extensions --out accepts, --format's choices, --out's help, the job schema's enum, which
 * options reach which outputs, the messages that name formats, and the encoder created for a file. Adding a
 * format is its encoder's file and one line here.
 *
 * Nothing heavy loads with this list: each `create` requires its encoder's module when a file is written, so
 * --version, --help and a --summary run never load the canvas, the GIF worker or ffmpeg's helpers.
 */
import type { Encoder, EncoderOptions } from './encoder';

/** What a format needs, refuses and honours: the run's checks and the option table read these. */
export interface FormatApplies {
  /** 'animation': every frame in one file. 'still': one frame per file; a %d name writes one file per frame. */
  frames: 'animation' | 'still';
  /** How an animation holds its last frame (--hold): its delay stretched, or the frame repeated (round(hold * fps) times). */
  hold?: 'delay' | 'repeat';
  /** Plays a set number of times (--loop). */
  loops?: true;
  /** Builds one palette from sample frames (the first and last), which the pipeline draws before frame 0. */
  palette?: true;
  /** Is written by ffmpeg (--ffmpeg). */
  ffmpeg?: true;
  /** Needs an even width and height (yuv420p): the run rounds its frame size down. */
  evenSize?: true;
  /** Plays in a web page's <video>: --poster writes a PNG beside it; a large GIF is told to become one. */
  video?: true;
  /** Can be written to stdout (--out - --format ID). */
  stdout: boolean;
  /**
   * Is written from the scene, not from drawn frames (src/page): the interactive page, or its player's data.
   * Its `create` is never called; the pipeline writes it with writeScene.
   */
  scene?: true;
  /** Its extension alone does not choose it (a .json could be anything): --format ID must say so. */
  named?: true;
}

export interface FormatEntry {
  /** The name --format takes and the summary reports. */
  id: string;
  /** How help text names it ("MP4"). */
  name: string;
  /** File-name extensions (lower case, without the dot) that choose this format; the first is its own. */
  extensions: readonly string[];
  applies: FormatApplies;
  /** Said after the extension in --out's help. */
  note?: string;
  /** A new encoder (nothing touches the disk before start()); loads the encoder's module on first use. */
  create(options: EncoderOptions): Encoder;
  /** Gets ready before the first encoder is created (a thread started early); optional. */
  warmUp?(): void;
}

export const ENCODERS = [
  { id: 'gif', name: 'GIF', extensions: ['gif'], applies: { frames: 'animation', hold: 'delay', loops: true, palette: true, stdout: true }, create: (o) => (require('./gif') as typeof import('./gif')).createGifEncoder(o), warmUp: () => (require('./gif') as typeof import('./gif')).warmUpGif() },
  { id: 'mp4', name: 'MP4', extensions: ['mp4'], applies: { frames: 'animation', hold: 'repeat', ffmpeg: true, evenSize: true, video: true, stdout: true }, create: (o) => (require('./video') as typeof import('./video')).createVideoEncoder('mp4', o) },
  { id: 'webm', name: 'WebM', extensions: ['webm'], applies: { frames: 'animation', hold: 'repeat', ffmpeg: true, evenSize: true, video: true, stdout: true }, create: (o) => (require('./video') as typeof import('./video')).createVideoEncoder('webm', o) },
  { id: 'png', name: 'PNG', extensions: ['png'], applies: { frames: 'still', stdout: true }, note: 'a still; frames/%04d.png for every frame', create: (o) => (require('./png') as typeof import('./png')).createPngEncoder(o) },
  { id: 'html', name: 'HTML page', extensions: ['html', 'htm'], applies: { frames: 'animation', hold: 'delay', loops: true, scene: true, stdout: true }, note: 'an interactive page: play, pause, scrub, hover', create: sceneOnly },
  { id: 'player', name: 'player data', extensions: ['json'], applies: { frames: 'animation', hold: 'delay', loops: true, scene: true, named: true, stdout: true }, note: 'with --format player: the data <mlvis-player> plays', create: sceneOnly },
] as const satisfies readonly FormatEntry[];

/** The `create` of a format written from the scene (see FormatApplies.scene): the pipeline never calls it. */
function sceneOnly(): Encoder {
  throw new Error('an interactive page is written from the scene (src/page/writePage.ts), not by an encoder');
}
