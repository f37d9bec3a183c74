import * as v from 'valibot';
import { OPTION_TABLE, type OptionSpec } from './table';

let cached: v.GenericSchema | undefined;

/** The valibot schema of a library call, built from the table: the model is required, the rest optional. */
export function librarySchema(): v.GenericSchema {
  if (!cached) {
    // Without a prototype: valibot walks the entries with for…in, which would pick up keys planted on
    // Object.prototype as options.
    const entries: Record<string, v.GenericSchema> = Object.create(null);
    for (const [key, spec] of Object.entries(OPTION_TABLE) as [string, OptionSpec][]) {
      entries[key] = key === 'model' ? spec.schema : v.optional(spec.schema);
    }
    cached = v.strictObject(entries, 'is not an option mlvis knows');
  }
  return cached;
}

/**
 * A validation issue's words: the table's own message, or (should a schema lack one) a plain sentence
 * rather than the validator's "Invalid type: Expected …", which names no fix.
 */
export function issueWords(issue: v.BaseIssue<unknown>): string {
  return /^Invalid [a-z]+:/.test(issue.message) ? 'is not a value this option takes (see its line in "mlvis linear --help")' : issue.message;
}
