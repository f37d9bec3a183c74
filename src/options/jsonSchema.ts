import { toJsonSchema } from '@valibot/to-json-schema';
import { librarySchema } from './schema';
import { OPTION_TABLE, type OptionSpec } from './table';
import { camelOf } from './spellings';

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
  addCommandLineSpellings(schema.properties);
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'mlvis job', ...schema };
}

/**
 * A jobs file may also use the command line's names and text (spellings.ts: `iters`, `"size": "800x400"`,
 * `"panels": "surface,fit"`): the schema says so, so that an editor checking a jobs file against it accepts
 * what the batch accepts. Each option that the command line gives as text takes a string too; each flag whose
 * camelCase name differs from the key is a property of its own with the same meaning.
 */
function addCommandLineSpellings(properties: Record<string, Record<string, unknown>>): void {
  for (const [key, spec] of Object.entries(OPTION_TABLE) as [string, OptionSpec][]) {
    const p = properties[key];
    if (!p || !spec.flag) continue;
    // The command line's text as well as the library's value (a string option takes text already).
    if (spec.parse && p.type !== 'string') {
      const value = withoutMeta(p);
      for (const k of Object.keys(value)) delete p[k];
      p.anyOf = [value, { type: 'string', description: `the command line's text for ${spec.flag}` }];
    }
    const alias = camelOf(spec.flag);
    if (alias !== key && !properties[alias]) properties[alias] = { ...p, description: `${spec.flag}: the same as "${key}". ${spec.help}` };
    if (spec.negatable) properties[camelOf(`--no-${spec.flag.slice(2)}`)] = { type: 'boolean', description: `--no-${spec.flag.slice(2)}: ${spec.negatable}` };
  }
  properties.size = { type: 'string', pattern: '^\\s*\\d+\\s*[xX×]\\s*\\d+\\s*$', description: '--size WIDTHxHEIGHT: the same as "width" and "height", e.g. "800x400"' };
}

/** A property's schema without its description and default (for an alternative inside anyOf). */
function withoutMeta(p: Record<string, unknown>): Record<string, unknown> {
  const { description: _d, default: _f, ...rest } = p;
  return rest;
}
