import type { RecordKind } from '../../common/record-kind';

/**
 * The relationship graph as plain data: what `graph(filter:)` answers and what the export endpoint writes
 * (GraphML, GEXF, CSV, JSON). Node ids are the records' global ids, so a node found here is `node(id:)` there.
 */
export interface GraphFilterData {
  /** Only nodes of these kinds (and the edges between them); all kinds when absent. */
  kinds?: RecordKind[] | null;
  /** Only records of these years and edges dated in them (conferences, workshops, their topics; undated kept). */
  fromYear?: number | null;
  toYear?: number | null;
  /** ISO 3166-1 alpha-2 codes: only records in these countries (and undated, countryless records linked to them). */
  countries?: string[] | null;
  /** Theme slugs: only records linked to these themes. */
  themes?: string[] | null;
}

export interface GraphNodeData {
  /** The record's global id. */
  id: string;
  kind: RecordKind;
  label: string;
  /** Edges touching this node in the filtered graph. */
  degree: number;
  /** ISO 3166-1 alpha-2 code of the record's country, when it has one. */
  country: string | null;
  /** The years the record is dated in (a conference's year, a workshop's, a theme's appearances). */
  years: number[];
  /** Slugs of the themes the record is linked to. */
  themes: string[];
}

export interface GraphEdgeData {
  id: string;
  source: string;
  target: string;
  /** The relationship, e.g. MEMBER_IN, HOSTED, PARTNER_OF, TOPIC_OF, IN_COUNTRY (the RelationshipLabel enum). */
  label: string;
  /** The relationship in words, e.g. "member in". */
  text: string;
  year: number | null;
}

export interface GraphData {
  nodes: GraphNodeData[];
  edges: GraphEdgeData[];
}
