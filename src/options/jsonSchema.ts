import { toJsonSchema } from '@valibot/to-json-schema';
import { librarySchema } from './schema';
import { OPTION_TABLE, type OptionSpec } from './table';

/**
 * The JSON Schema of one job (the library's options by their camelCase names), converted from the same
 * valibot schema that validates a run, with each option's help line and default from the table. Checks
 * that JSON Schema cannot state (distinct list items) are left to validation.
 */
export function jobJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(librarySchema(), { errorMode: 'ignore' }) as { properties: Record<string, Record<string, unknown>> };
  for (const [key, spec] of Object.entries(OPTION_TABLE) as [string, OptionSpec][]) {
    const p = schema.properties[key];
    if (!p) continue;
    p.description = spec.help;
    if (spec.default !== undefined) p.default = spec.default;
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'mlvis job', ...schema };
}
