import { open, type FileHandle } from 'node:fs/promises';

/**
 * Whether a file ffmpeg says it wrote is a whole container, not a forged or cut-off one: a stand-in or a
 * broken ffmpeg may exit 0 having written anything, and the file must not replace an existing one then.
 * - MP4: top-level ISO boxes that tile the file exactly (32- or 64-bit sizes), `ftyp` first, and both a
 *   `moov` (the index) and an `mdat` (the frames). Twelve bytes of `ftyp` alone are not a video.
 * - WebM: an EBML header whose DocType is "webm", then a Segment whose size fits the file, holding a Cluster.
 */
export async function isWholeContainer(path: string, format: 'mp4' | 'webm'): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    return format === 'mp4' ? await isMp4(handle, size) : await isWebm(handle, size);
  } finally {
    await handle.close();
  }
}

async function read(handle: FileHandle, at: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, at);
  return buf.subarray(0, bytesRead);
}

async function isMp4(handle: FileHandle, size: number): Promise<boolean> {
  const seen = new Set<string>();
  let at = 0;
  let first = true;
  while (at < size) {
    const head = await read(handle, at, 16);
    if (head.length < 8) return false;
    let box = head.readUInt32BE(0);
    const type = head.toString('latin1', 4, 8);
    if (!/^[\x20-\x7e]{4}$/.test(type)) return false;
    if (box === 1) {
      if (head.length < 16) return false;
      box = Number(head.readBigUInt64BE(8));
    } else if (box === 0) box = size - at; // "to the end of the file"
    if (box < 8 || at + box > size) return false;
    if (first && type !== 'ftyp') return false;
    first = false;
    seen.add(type);
    at += box;
  }
  return at === size && seen.has('moov') && seen.has('mdat');
}

const EBML = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const CLUSTER = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);

async function isWebm(handle: FileHandle, size: number): Promise<boolean> {
  const head = await read(handle, 0, 4096);
  if (head.length < 8 || head.readUInt32BE(0) !== EBML) return false;
  const header = vint(head, 4);
  if (!header) return false;
  const body = head.subarray(4 + header.length, 4 + header.length + header.value);
  if (body.length !== header.value || !body.includes(Buffer.from('webm', 'latin1'))) return false;
  const segAt = 4 + header.length + header.value;
  if (head.length < segAt + 5 || head.readUInt32BE(segAt) !== SEGMENT) return false;
  const segment = vint(head, segAt + 4);
  if (!segment) return false;
  const start = segAt + 4 + segment.length;
  if (!segment.unknown && start + segment.value > size) return false;
  // A Cluster (the frames) somewhere in the Segment: scanned in chunks, overlapping by the ID's length.
  for (let at = start; at < size; at += 1 << 20) {
    if ((await read(handle, at, (1 << 20) + CLUSTER.length - 1)).includes(CLUSTER)) return true;
  }
  return false;
}

/** An EBML variable-length size at `at`: its value, its length in bytes, and whether it is "unknown". */
function vint(buf: Buffer, at: number): { value: number; length: number; unknown: boolean } | null {
  if (at >= buf.length) return null;
  const first = buf[at];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || at + length > buf.length) return null;
  let value = first & (0xff >> length);
  let ones = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + buf[at + i];
    ones &&= buf[at + i] === 0xff;
  }
  return { value, length, unknown: ones };
}
