import { readFileSync } from 'fs';
import { messages, runError } from '../errors';
import { looksUtf16 } from './decode';
import { hasControlBytes } from './decode';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Reads a data file as text, or throws a run error that says what to fix: fileNotFound (no such path),
 * fileUnreadable (a directory, no permission, ...), notText (binary content).
 *
 * Decoding: UTF-8 (a leading BOM is dropped). A file that is not valid UTF-8 but has no NUL bytes and no
 * control characters is an older single-byte export (Latin-1 / Windows-1252, common from spreadsheets);
 * it is decoded as Latin-1 rather than rejected, since only text cells can be affected. Any NUL byte, or
 * invalid UTF-8 together with control characters, means binary (an image, a zip, a UTF-16 file): notText.
 */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw runError(messages.fileNotFound(path), err);
    throw runError(messages.fileUnreadable(path, readReason(err)), err);
  }
  return decodeText(bytes, path);
}

/** Text from bytes: UTF-8, else Latin-1 when it has no control bytes; binary data is refused (notText). */
export function decodeText(bytes: Buffer, name: string): string {
  if (bytes.indexOf(0) !== -1) throw runError(looksUtf16(bytes) ? messages.utf16Text(name) : messages.notText(name));
  try {
    return utf8.decode(bytes);
  } catch {
    if (hasControlBytes(bytes)) throw runError(messages.notText(name));
    return latin1.decode(bytes);
  }
}

function readReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return e.code ?? String(e.message ?? err);
  }
}
