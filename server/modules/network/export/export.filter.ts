import { BadUserInputError } from '../../../common/errors';
import { textArgumentProblem } from '../../../common/text-input';
import type { RecordKind } from '../../../common/record-kind';
import type { GraphFilterData } from '../graph.types';

/**
 * The export's query parameters, the fields of `graph(filter:)`: `kinds`, `countries` and `themes` as lists (comma
 * separated, `kinds=CITY,CONFERENCE`, or repeated, `kinds=CITY&kinds=CONFERENCE`), `fromYear` and `toYear` as
 * whole numbers. This reads their text into the filter's shape; what the values must be beyond their type (a
 * known theme, years in order…) the graph's own validation says, in the words GraphQL uses. A parameter of
 * another name is refused, not ignored: a misspelt filter would otherwise export the whole graph.
 */
export const EXPORT_PARAMETERS: readonly string[] = ['kinds', 'fromYear', 'toYear', 'countries', 'themes'];

/** What express's query parser makes of a parameter: text, or a list of texts when it is repeated. */
type QueryValue = string | string[] | undefined;
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
  return {
    // Checked with the rest of the filter by checkGraphFilter, in the words GraphQL uses.
    kinds: listOf(value('kinds')) as RecordKind[] | undefined,
    fromYear: yearOf(value('fromYear'), 'fromYear'),
    toYear: yearOf(value('toYear'), 'toYear'),
    countries: listOf(value('countries')),
    themes: listOf(value('themes')),
  };
}

/** The parameter's text, held to the rules of every GraphQL text argument (no NUL, at most 10,000 characters). */
function textsOf(value: unknown, name: string): QueryValue {
  if (value === undefined) return value;
  const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  if (!texts.length || !texts.every((item) => typeof item === 'string')) {
    throw new BadUserInputError(`${name} must be plain text, e.g. ${name}=2014 or ${name}=A,B.`, [name]);
  }
  for (const text of texts) {
    const problem = textArgumentProblem(text);
    if (problem) throw new BadUserInputError(`Invalid argument ${name}: ${problem}`, [name]);
  }
  return value as string | string[];
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
