import { isUtf8 } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { messages, runError } from '../errors';

const latin1 = new TextDecoder('latin1');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);

/** Thrown when a re-readable file turns out not to be UTF-8 after text was already given out: read it again as Latin-1. */
export class ReadAgainAsLatin1 extends Error {}

/**
 * Decodes a data file chunk by chunk, the way decodeText decodes it whole, and hashes the text it gives out.
 *
 * The encoding is UTF-8 (a leading BOM dropped) until a chunk is not valid UTF-8 (a multi-byte character
 * split between chunks is carried over, not counted as invalid); the text is then Latin-1 (Windows-1252),
 * an older spreadsheet export, unless it has control bytes. A NUL byte anywhere, or control bytes in a
 * Latin-1 file, is binary: notText. When invalid UTF-8 appears after text was given out, a re-readable
 * file (`restartable`) throws ReadAgainAsLatin1 so that the caller reads it again from the start as
 * Latin-1, exactly as a whole-file decode would; a stream (stdin, a FIFO) cannot be read again and goes on
 * as Latin-1 from that chunk (only text cells read before it differ from a whole-file decode).
 *
 * The hash is sha256 of the text given out, as UTF-8: for a UTF-8 file, its bytes after the BOM, so the
 * manifest's data_sha256 is the same as before streaming (it hashed the decoded text).
 */
export class ChunkDecoder {
  private hash: Hash = createHash('sha256');
  private pending: Buffer = EMPTY;
  private first = true;
  private gaveText = false;

  constructor(private readonly name: string, private mode: 'utf8' | 'latin1' = 'utf8', private readonly restartable = false) {}

  decode(chunk: Buffer): string {
    if (chunk.indexOf(0) !== -1) throw runError(this.first && looksUtf16(chunk) ? messages.utf16Text(this.name) : messages.notText(this.name));
    const raw = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    if (this.mode === 'utf8') {
      if (this.first && raw.length < 3 && BOM.subarray(0, raw.length).equals(raw)) {
        this.pending = Buffer.from(raw); // perhaps the start of a BOM: wait for more
        return '';
      }
      const body = this.first && raw.subarray(0, 3).equals(BOM) ? raw.subarray(3) : raw;
      const cut = completeLength(body);
      if (isUtf8(body.subarray(0, cut))) {
        this.first = false;
        this.pending = Buffer.from(body.subarray(cut));
        return this.give(body.toString('utf8', 0, cut), body.subarray(0, cut));
      }
      this.toLatin1();
    }
    // Latin-1 from here: the raw bytes, a BOM's included, as a whole-file Latin-1 decode reads them.
    this.first = false;
    return this.latin1(raw);
  }

  /** The end of the data: bytes of an unfinished UTF-8 character make the file Latin-1. */
  end(): string {
    if (this.pending.length === 0) return '';
    const rest = this.pending;
    this.pending = EMPTY;
    if (this.mode === 'utf8' && !this.first) this.toLatin1();
    else if (this.mode === 'utf8' && isUtf8(rest)) return this.give(rest.toString('utf8'), rest);
    return this.latin1(rest);
  }

  /** sha256 (hex) of all the text given out, as UTF-8. */
  digest(): string {
    return this.hash.digest('hex');
  }

  private toLatin1(): void {
    if (this.gaveText && this.restartable) throw new ReadAgainAsLatin1();
    this.mode = 'latin1';
  }

  private latin1(bytes: Buffer): string {
    if (hasControlBytes(bytes)) throw runError(messages.notText(this.name));
    const text = latin1.decode(bytes);
    return this.give(text, Buffer.from(text, 'utf8'));
  }

  private give(text: string, utf8: Buffer): string {
    if (text.length > 0) this.gaveText = true;
    this.hash.update(utf8);
    return text;
  }
}

/** The length of `bytes` without a UTF-8 character cut off at its end (at most 3 bytes are held back). */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** C0 control bytes other than tab, newline, vertical tab, form feed and carriage return. */
export function hasControlBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 && (b < 0x09 || b > 0x0d)) return true;
  }
  return false;
}

/**
 * UTF-16 text (what some spreadsheets save as "Unicode text"): a byte-order mark FF FE or FE FF, or ASCII
 * with a zero byte beside every character. Named in its own message, since the fix is to save as UTF-8.
 */
export function looksUtf16(chunk: Buffer): boolean {
  if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) return true;
  const n = Math.min(chunk.length - (chunk.length % 2), 64);
  if (n < 8) return false;
  // One byte of each pair zero and the other printable: zeros everywhere (/dev/zero) is not text at all.
  let low = 0;
  let high = 0;
  const printable = (b: number) => b >= 0x20 && b < 0x7f || b === 0x0a || b === 0x0d || b === 0x09;
  for (let i = 0; i < n; i += 2) {
    if (printable(chunk[i]) && chunk[i + 1] === 0) low++;
    if (chunk[i] === 0 && printable(chunk[i + 1])) high++;
  }
  return low === n / 2 || high === n / 2;
}
