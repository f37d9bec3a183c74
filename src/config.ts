/** The run's options: declared once in options/table.ts, validated and resolved in options/resolve.ts. */
import { OPTION_TABLE, type OptionSpec } from './options/table';
import type { RunConfig } from './options/resolve';
import type { Dataset } from './types';

export { resolveConfig, type RunConfig, type SeriesSpec } from './options/resolve';
export { OPTION_TABLE, CLI_OPTIONS, PANELS, THEMES, LAYOUTS, flagOf, type RunOptions, type OptionSpec, type LayoutName } from './options/table';
export { FORMATS, outputOf, withSuffix, type Format, type OutputSpec } from './options/outputs';
export { jobJsonSchema } from './options/jsonSchema';

/** Every default of the table, by option name. */
export const DEFAULTS: Record<string, unknown> = Object.fromEntries(
  (Object.entries(OPTION_TABLE) as [string, OptionSpec][]).filter(([, s]) => s.default !== undefined).map(([k, s]) => [k, s.default]),
);

/** --standardize / --no-standardize when given, else the data set's suggestion; else on for CSV, off for synthetic data. */
export function standardizeFor(config: Pick<RunConfig, 'standardize'> & Partial<Pick<RunConfig, 'model'>>, data: Dataset): boolean {
  // A polynomial always trains on standardized powers of x.
  if (config.model === 'poly' || data.features) return true;
  // On by default for real data (built-in sets and CSV files), whose x is rarely near 0 against its spread;
  // synthetic data is drawn well-conditioned, and its raw surface is the classic picture.
  return config.standardize ?? data.suggestStandardize ?? data.source !== 'synthetic';
}
