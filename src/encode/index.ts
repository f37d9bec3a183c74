/** The encode stage: frames in, one file (or a png sequence) out, written atomically. */
export { createEncoder, encodeAll, formatOf, OUTPUT_FORMATS, warmUp } from './encoder';
export type { EncodeResult, Encoder, EncoderOptions, OutputFormat } from './encoder';
export { frameFileName, isFrameSequence } from './pattern';
export { createCommit, type Commit } from './atomic';
export { ENCODERS, type FormatApplies, type FormatEntry } from './registry';
export { formatApplies, formatEntry, formatIds, formatsWhere } from './formats';
