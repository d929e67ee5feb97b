import { BadUserInputError } from '../../../common/errors';
import { RecordKind } from '../../../common/record-kind';
import type { GraphFilterData } from '../graph.types';

/**
 * The export's query parameters, the fields of `graph(filter:)`: `kinds`, `countries` and `themes` as lists (comma
 * separated, `kinds=CITY,CONFERENCE`, or repeated, `kinds=CITY&kinds=CONFERENCE`), `fromYear` and `toYear` as
 * whole numbers. This reads their text into the filter's shape; what the values must be beyond their type (a
 * known theme, years in order…) the graph's own validation says, in the words GraphQL uses. A parameter of
 * another name is refused, not ignored: a misspelt filter would otherwise export the whole graph.
 */
const LIST_PARAMETERS = ['kinds', 'countries', 'themes'] as const;
const YEAR_PARAMETERS = ['fromYear', 'toYear'] as const;
export const EXPORT_PARAMETERS: readonly string[] = [...LIST_PARAMETERS, ...YEAR_PARAMETERS];

/** What express's query parser makes of a parameter: text, or a list of texts when it is repeated. */
type QueryValue = string | string[] | undefined;
const KINDS = new Set<string>(Object.values(RecordKind));
/** GraphQL's Int: the years of the query's filter are no larger. */
const INT_MAX = 2_147_483_647;

export function exportFilterOf(query: Record<string, unknown>): GraphFilterData {
  for (const name of Object.keys(query)) {
    if (!EXPORT_PARAMETERS.includes(name)) {
      throw new BadUserInputError(
        `Unknown query parameter "${shown(name)}": the graph export is filtered by ${EXPORT_PARAMETERS.join(', ')}.`,
        [name],
      );
    }
  }
  const value = (name: string) => textsOf(query[name], name);
  const kinds = listOf(value('kinds'));
  for (const [index, kind] of (kinds ?? []).entries()) {
    if (!KINDS.has(kind)) {
      throw new BadUserInputError(
        `kinds: "${shown(kind)}" is not a kind of record; the kinds are ${[...KINDS].join(', ')}.`,
        ['kinds', index],
      );
    }
  }
  return {
    kinds: kinds as RecordKind[] | undefined,
    fromYear: yearOf(value('fromYear'), 'fromYear'),
    toYear: yearOf(value('toYear'), 'toYear'),
    countries: listOf(value('countries')),
    themes: listOf(value('themes')),
  };
}

function textsOf(value: unknown, name: string): QueryValue {
  if (value === undefined || typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw new BadUserInputError(`${name} must be plain text, e.g. ${name}=2014 or ${name}=A,B.`, [name]);
}

/** `A,B` and `A&…=B` alike; blanks dropped. Absent stays absent (no filter), and an empty list stays empty. */
function listOf(value: QueryValue): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function yearOf(value: QueryValue, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) throw new BadUserInputError(`${name} is given more than once; give one year.`, [name]);
  const text = value.trim();
  if (!/^-?\d{1,10}$/.test(text) || Math.abs(Number(text)) > INT_MAX) {
    throw new BadUserInputError(`${name} must be a whole number, e.g. ${name}=2014; "${shown(text)}" is not.`, [name]);
  }
  return Number(text);
}

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
