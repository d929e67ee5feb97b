import type { GraphFilterData } from '../graph.types';

/**
 * What an export holds, said once for every format: the title written into the file (GraphML's `desc`, GEXF's
 * `meta`, JSON's `graph`) and the name it is saved under, both from the filter, so that a folder of exports says
 * which is which: `mce-graph_kinds-city+conference_from-2014.graphml`, or `mce-graph.graphml` for everything.
 */
export interface ExportAbout {
  /** e.g. "MCE graph: the relationship graph of the Major Cities of Europe IT Users Group (kinds CITY, CONFERENCE; from 2014)" */
  title: string;
  /** The file name without its extension, e.g. `mce-graph_kinds-city+conference_from-2014`. */
  baseName: string;
  filter: GraphFilterData;
}

const BASE_NAME = 'mce-graph';
/** File systems take 255 bytes; a long list of themes is cut rather than refused. */
const MAX_BASE_NAME = 150;
const TITLE = 'MCE graph: the relationship graph of the Major Cities of Europe IT Users Group';

export function aboutExport(filter: GraphFilterData): ExportAbout {
  const parts = filterParts(filter);
  return {
    title: parts.length ? `${TITLE} (${parts.map((part) => part.words).join('; ')})` : TITLE,
    baseName: [BASE_NAME, ...parts.map((part) => safeName(part.name))].join('_').slice(0, MAX_BASE_NAME),
    filter,
  };
}

/** Each filter that narrows the graph, in words and as a file-name part (lower case, no spaces: a safe name). */
function filterParts(filter: GraphFilterData): Array<{ words: string; name: string }> {
  const parts: Array<{ words: string; name: string }> = [];
  const list = (values: readonly string[]) => values.map((value) => value.toLowerCase()).join('+');
  if (filter.kinds?.length)
    parts.push({ words: `kinds ${filter.kinds.join(', ')}`, name: `kinds-${list(filter.kinds)}` });
  const { fromYear, toYear } = filter;
  if (fromYear != null && toYear != null)
    parts.push(
      fromYear === toYear
        ? { words: `in ${fromYear}`, name: String(fromYear) }
        : { words: `${fromYear} to ${toYear}`, name: `${fromYear}-${toYear}` },
    );
  else if (fromYear != null) parts.push({ words: `from ${fromYear}`, name: `from-${fromYear}` });
  else if (toYear != null) parts.push({ words: `up to ${toYear}`, name: `to-${toYear}` });
  if (filter.countries?.length)
    parts.push({ words: `countries ${filter.countries.join(', ')}`, name: `countries-${list(filter.countries)}` });
  if (filter.themes?.length)
    parts.push({ words: `themes ${filter.themes.join(', ')}`, name: `themes-${list(filter.themes)}` });
  return parts;
}

/** Only what every file system and the Content-Disposition header take as it is. */
function safeName(part: string): string {
  return part.replace(/[^a-z0-9+-]+/g, '-');
}
