import type { GraphEdgeData, GraphNodeData } from '../graph.types';

/**
 * The attributes every export writes on nodes and edges, in one list per element, so that GraphML, GEXF, CSV and
 * JSON say the same things under the same names: each one an analyst filters or sizes by in Gephi, yEd or
 * NetworkX. Lists (a theme's years, a record's themes) become one text joined by LIST_SEPARATOR, GEXF 1.2's own
 * list separator, where a format has no lists (GraphML, CSV) or its readers disagree on them (NetworkX reads a
 * GEXF `listinteger` not at all); `firstYear`/`lastYear` give the years again as numbers, for range filters.
 */
export const LIST_SEPARATOR = '|';

/** The value types the formats know, named as GraphML does (GEXF calls `int` `integer`). */
export type AttributeType = 'string' | 'int';

export interface AttributeSpec<Row> {
  name: keyof Row & string;
  /** The type of the value, or of each item of a list. */
  type: AttributeType;
  /** A list: one text joined by LIST_SEPARATOR in the flat formats, a list where the format has them. */
  list?: true;
  /** What the attribute holds, with an example from the data: written into the GraphML key's description. */
  description: string;
}

/** A node as the exports write it; null where the record has no value (an empty cell, or no value written). */
export interface ExportNode {
  id: string;
  label: string;
  kind: string;
  country: string | null;
  degree: number;
  years: number[];
  firstYear: number | null;
  lastYear: number | null;
  themes: string[];
}

export interface ExportEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  text: string;
  year: number | null;
}

/** The node attributes beside `id`, in the order of the CSV columns. */
export const NODE_ATTRIBUTES: ReadonlyArray<AttributeSpec<ExportNode>> = [
  { name: 'label', type: 'string', description: 'The record\u2019s name, e.g. "Vienna" or "Open Data".' },
  { name: 'kind', type: 'string', description: 'The kind of record (RecordKind), e.g. CITY, CONFERENCE, THEME.' },
  { name: 'country', type: 'string', description: 'ISO 3166-1 alpha-2 code of the record\u2019s country, e.g. AT.' },
  { name: 'degree', type: 'int', description: 'Edges touching the node in the exported graph.' },
  {
    name: 'years',
    type: 'int',
    list: true,
    description: `The years the record is dated in, joined by "${LIST_SEPARATOR}".`,
  },
  { name: 'firstYear', type: 'int', description: 'The earliest of the years, e.g. 2012.' },
  { name: 'lastYear', type: 'int', description: 'The latest of the years, e.g. 2017.' },
  {
    name: 'themes',
    type: 'string',
    list: true,
    description: `Slugs of the record\u2019s themes, joined by "${LIST_SEPARATOR}".`,
  },
];

/** The edge attributes beside `id`, `source` and `target`, in the order of the CSV columns. */
export const EDGE_ATTRIBUTES: ReadonlyArray<AttributeSpec<ExportEdge>> = [
  { name: 'label', type: 'string', description: 'The relationship (RelationshipLabel), e.g. HOSTED, MEMBER_IN.' },
  { name: 'text', type: 'string', description: 'The relationship in words, e.g. "hosted".' },
  { name: 'year', type: 'int', description: 'The year the relationship is dated in, e.g. 2012 for a host city.' },
];

export function exportNode(node: GraphNodeData): ExportNode {
  const years = [...node.years].sort((a, b) => a - b);
  return {
    id: node.id,
    label: node.label,
    kind: node.kind,
    country: node.country,
    degree: node.degree,
    years,
    firstYear: years.at(0) ?? null,
    lastYear: years.at(-1) ?? null,
    themes: [...node.themes],
  };
}

export function exportEdge(edge: GraphEdgeData): ExportEdge {
  const { id, source, target, label, text, year } = edge;
  return { id, source, target, label, text, year };
}

/** An attribute's value where a format has no lists: a list joined by LIST_SEPARATOR; null for none or empty. */
export function flatValue<Row>(spec: AttributeSpec<Row>, row: Row): string | number | null {
  const value = row[spec.name] as unknown;
  if (Array.isArray(value)) return value.length ? value.join(LIST_SEPARATOR) : null;
  return (value as string | number | null | undefined) ?? null;
}
