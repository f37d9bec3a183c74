/**
 * How much data mlvis reads (documented in the README's data section). The file is streamed, so the bytes
 * are not held; what is held is two numbers per row (16 bytes, 32 while an array grows), so the row limit
 * bounds memory near 640 MB (an endless stream of short rows stops there). The byte limit stops endless input (a FIFO, stdin) that keeps its rows
 * under the row limit by being mostly blank lines.
 */
export const MAX_DATA_BYTES = 8 * 1024 * 1024 * 1024;
/** Data rows (after the header, blank lines not counted). */
export const MAX_DATA_ROWS = 20_000_000;
/** Characters in one row: a row longer than this (a file with no line breaks) is refused, not buffered. */
export const MAX_ROW_CHARS = 16 * 1024 * 1024;
/**
 * Feature columns in one `--x a,b,…` (linear and logistic regression). Each holds 8 bytes a row beside x and
 * y, so the most rows with the most columns hold about 2.9 GB; a model's exact optimum costs a pass over
 * every column pair, and its weights are listed one by one in the summary and the title's reach.
 */
export const MAX_FEATURES = 16;
