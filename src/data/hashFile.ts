import { closeSync, openSync, readSync } from 'node:fs';
import { ChunkDecoder, ReadAgainAsLatin1 } from './decode';

/**
 * sha256 of a data file's text as a run decodes it (ChunkDecoder): the manifest's data_sha256, computed
 * again to tell whether a job is up to date. Read in chunks, so a file of any size is hashed in little memory.
 * Throws what reading throws (the caller treats any failure as "no hash").
 */
export function hashTextFileSync(path: string): string {
  try {
    return hashWith(path, new ChunkDecoder(path, 'utf8', true));
  } catch (err) {
    if (!(err instanceof ReadAgainAsLatin1)) throw err;
    return hashWith(path, new ChunkDecoder(path, 'latin1'));
  }
}

function hashWith(path: string, decoder: ChunkDecoder): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) decoder.decode(buffer.subarray(0, n));
    decoder.end();
    return decoder.digest();
  } finally {
    closeSync(fd);
  }
}
