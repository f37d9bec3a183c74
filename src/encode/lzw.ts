/**
 * GIF's LZW compression (GIF89a appendix F): variable-length codes from minCodeSize + 1 to 12 bits, a clear
 * code first and whenever the 4096-code table is full, data sub-blocks of 254 bytes. The codes are those of
 * the classic encoder that gifenc 1.0.3 ports (greedy longest match), so the output is byte-identical to
 * gifenc's (test/encode/lzw.test.ts checks it on thousands of frames).
 *
 * What differs is speed on an animation's frames, which after the first are mostly the transparent index:
 * runs of one symbol are matched a string at a time instead of a pixel at a time. While the current string
 * is a run of the run symbol s, its continuation is the next longer run (the table holds s, ss, sss, ...
 * up to the longest one made so far, each as an entry (s^k, s)), so a run of L pixels costs about L / k
 * steps. On a default frame's changed rectangle (~200,000 pixels, 99 % transparent) that is 0.05–0.1 ms
 * against 0.6 ms for gifenc's pixel-at-a-time hashing (bench/.scratch measurements in the commit).
 */

/** Where the compressed bytes go: a growable buffer. */
export class ByteSink {
  bytes = new Uint8Array(1 << 16);
  length = 0;

  /** Makes room for `more` bytes. */
  reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + more) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(b: number): void {
    this.reserve(1);
    this.bytes[this.length++] = b;
  }

  u16(v: number): void {
    this.reserve(2);
    this.bytes[this.length++] = v & 0xff;
    this.bytes[this.length++] = (v >> 8) & 0xff;
  }

  append(data: ArrayLike<number>): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** A copy of what was written, and the sink emptied for reuse. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

const MAX_BITS = 12;
const TABLE_CODES = 1 << MAX_BITS;
/** Open-addressing table of (prefix code, symbol) -> code; the size and probing are gifenc's (a prime). */
const HSIZE = 5003;
const HSHIFT = 4; // 8 - log2-ish of how many doublings of HSIZE reach 65536, as in the classic encoder

/**
 * An LZW encoder that keeps its tables between frames (allocated once). `encode` appends one image's
 * compressed data to `sink`: the minimum code size byte, the data sub-blocks and the block terminator.
 */
export class LzwEncoder {
  private readonly htab = new Int32Array(HSIZE);
  private readonly codetab = new Int32Array(HSIZE);
  /** run[k] = the code of the run symbol repeated k times (k >= 2), while the table holds it. */
  private readonly run = new Int32Array(TABLE_CODES + 1);
  private readonly accum = new Uint8Array(256);

  /**
   * @param pixels palette indices, row by row
   * @param colourDepth bits per index (the minimum code size is at least 2)
   * @param runSymbol the index that fills long runs (the transparent index), or -1
   */
  encode(pixels: Uint8Array, colourDepth: number, runSymbol: number, sink: ByteSink): void {
    const { htab, codetab, run, accum } = this;
    const initCodeSize = Math.max(2, colourDepth);
    const initBits = initCodeSize + 1;
    const clearCode = 1 << initCodeSize;
    const eofCode = clearCode + 1;
    htab.fill(-1);
    let nBits = initBits;
    let maxCode = (1 << nBits) - 1;
    let freeEnt = clearCode + 2;
    let clearFlag = false;
    let curAccum = 0;
    let curBits = 0;
    let aCount = 0;
    /** The longest run of the run symbol in the table (1: only the symbol itself). */
    let longest = 1;

    const flush = () => {
      sink.reserve(aCount + 1);
      sink.bytes[sink.length++] = aCount;
      sink.bytes.set(accum.subarray(0, aCount), sink.length);
      sink.length += aCount;
      aCount = 0;
    };
    const output = (code: number) => {
      curAccum &= (1 << curBits) - 1;
      curAccum = curBits > 0 ? curAccum | (code << curBits) : code;
      curBits += nBits;
      while (curBits >= 8) {
        accum[aCount++] = curAccum & 0xff;
        if (aCount >= 254) flush();
        curAccum >>= 8;
        curBits -= 8;
      }
      if (freeEnt > maxCode || clearFlag) {
        if (clearFlag) {
          nBits = initBits;
          maxCode = (1 << nBits) - 1;
          clearFlag = false;
        } else {
          nBits++;
          maxCode = nBits === MAX_BITS ? TABLE_CODES : (1 << nBits) - 1;
        }
      }
      if (code === eofCode) {
        while (curBits > 0) {
          accum[aCount++] = curAccum & 0xff;
          if (aCount >= 254) flush();
          curAccum >>= 8;
          curBits -= 8;
        }
        if (aCount > 0) flush();
      }
    };
    /** Adds (ent, c) -> next code at hash slot i, or clears the table when it is full. */
    const add = (i: number, fcode: number, entRun: number, c: number) => {
      if (freeEnt < TABLE_CODES) {
        if (c === runSymbol && entRun === longest) run[++longest] = freeEnt;
        codetab[i] = freeEnt++;
        htab[i] = fcode;
      } else {
        htab.fill(-1);
        freeEnt = clearCode + 2;
        longest = 1;
        clearFlag = true;
        output(clearCode);
      }
    };

    sink.byte(initCodeSize);
    output(clearCode);
    const n = pixels.length;
    const words = pixels.byteOffset % 4 === 0 ? new Uint32Array(pixels.buffer, pixels.byteOffset, n >> 2) : null;
    const runWord = runSymbol >= 0 ? Math.imul(runSymbol, 0x01010101) >>> 0 : -1;
    let ent = pixels[0];
    /** When ent is the run symbol repeated k times: k; else 0. */
    let entRun = ent === runSymbol ? 1 : 0;
    for (let idx = 1; idx < n; idx++) {
      const c = pixels[idx];
      if (entRun > 0 && entRun < longest && c === runSymbol) {
        // ent is s^entRun and the table holds runs up to s^longest: take the pixels of s that follow, up to
        // that length, in one step (the pixel-at-a-time loop would match each of them in turn).
        let end = idx + 1;
        const reach = Math.min(n, idx + (longest - entRun));
        while (end < reach && (end & 3) !== 0 && pixels[end] === runSymbol) end++;
        if (words && (end & 3) === 0) {
          // Four pixels at a time while they are all s.
          while (end + 4 <= reach && words[end >> 2] === runWord) end += 4;
        }
        while (end < reach && pixels[end] === runSymbol) end++;
        entRun += end - idx;
        ent = run[entRun];
        idx = end - 1;
        continue;
      }
      // Otherwise (no run, or the longest run held is matched and one more s follows) the classic step.
      const fcode = (c << MAX_BITS) + ent;
      let i = (c << HSHIFT) ^ ent;
      if (htab[i] === fcode) {
        ent = codetab[i];
        entRun = 0;
        continue;
      }
      const disp = i === 0 ? 1 : HSIZE - i;
      let found = false;
      while (htab[i] >= 0) {
        i -= disp;
        if (i < 0) i += HSIZE;
        if (htab[i] === fcode) {
          found = true;
          break;
        }
      }
      if (found) {
        ent = codetab[i];
        entRun = 0;
        continue;
      }
      output(ent);
      add(i, fcode, entRun, c);
      ent = c;
      entRun = c === runSymbol ? 1 : 0;
    }
    output(ent);
    output(eofCode);
    sink.byte(0);
  }
}
