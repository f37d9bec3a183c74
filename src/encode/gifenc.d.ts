/** The part of gifenc 1.0.3 that gif.ts uses (the package ships no types). */
declare module 'gifenc' {
  export type Palette = number[][];

  export interface FrameOptions {
    /** Only read when the encoder was created with auto: false: write the screen descriptor and global table. */
    first?: boolean;
    transparent?: boolean;
    transparentIndex?: number;
    /** Milliseconds; gifenc writes Math.round(delay / 10) centiseconds. */
    delay?: number;
    /** On the first frame: the global colour table. On later frames: a local table (we never pass one). */
    palette?: Palette | null;
    /** -1 = no NETSCAPE block, 0 = loop forever, N = NETSCAPE loop count N. */
    repeat?: number;
    /** Bits per index (LZW minimum code size); the palette must fit. */
    colorDepth?: number;
    dispose?: number;
  }

  export interface Encoder {
    writeHeader(): void;
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    reset(): void;
    bytes(): Uint8Array;
    bytesView(): Uint8Array;
    readonly stream: { reset(): void; bytesView(): Uint8Array };
  }

  export function GIFEncoder(options?: { initialCapacity?: number; auto?: boolean }): Encoder;

  /** Reads `new Uint32Array(rgba.buffer)`: the view must start at offset 0 and span its whole buffer. */
  export function quantize(
    rgba: Uint8Array | Uint8ClampedArray,
    maxColors: number,
    options?: { format?: 'rgb565' | 'rgb444' | 'rgba4444' },
  ): Palette;
}
