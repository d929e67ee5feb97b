import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { RecordKind } from '../../common/record-kind';
import type { GraphEdgeData, GraphFilterData, GraphNodeData } from './graph.types';
import { RelationshipLabel } from './relationship-label';

@InputType({ description: 'Which part of the relationship graph to answer; all given conditions must hold.' })
export class GraphFilter implements GraphFilterData {
  @Field(() => [RecordKind], {
    nullable: true,
    description:
      'Only records of these kinds and the edges between them, e.g. [CITY, CONFERENCE]; every kind when left out.',
  })
  kinds?: RecordKind[] | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only dated records (conferences, workshops, their topics, themes by their topics) with a year from this one, e.g. 2014, and dated edges from it; undated records and edges are kept.',
  })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Only dated records and edges up to this year, e.g. 2016.' })
  toYear?: number | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'ISO 3166-1 alpha-2 codes, e.g. ["GR"]: only records in these countries, and records without a country (themes, projects) linked to one of them.',
  })
  countries?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Theme slugs, e.g. ["cybersecurity"]: only records on these themes (the themes, their topics, the conferences and workshops of those topics) and records without a theme linked to one of them (the host cities).',
  })
  themes?: string[] | null;
}

@ObjectType({ description: 'A record in the relationship graph.' })
export class GraphNode implements GraphNodeData {
  @Field(() => ID, { description: "The record's global id, as `node(id:)` takes it." })
  id!: string;

  @Field(() => RecordKind, { description: 'The kind of record, e.g. CITY.' })
  kind!: RecordKind;

  @Field({ description: 'What to call it on a drawing, e.g. "Trikala" or "2016 conference in Florence".' })
  label!: string;

  @Field(() => Int, {
    description: 'How many edges of this graph touch it, e.g. 3 for the city of Larissa in the whole graph.',
  })
  degree!: number;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 3166-1 alpha-2 code of its country, e.g. "GR"; null for a theme.',
  })
  country!: string | null;

  @Field(() => [Int], {
    description: "The years it is dated in, e.g. [2016] for a conference; a theme's are its topics'.",
  })
  years!: number[];

  @Field(() => [String], { description: 'Slugs of the themes it is on, e.g. ["cybersecurity"].' })
  themes!: string[];
}

@ObjectType({ description: 'A labelled link between two records of the graph, from its source to its target.' })
export class GraphEdge implements GraphEdgeData {
  @Field(() => ID, { description: 'Stable while both records and the link exist: label and both ends.' })
  id!: string;

  @Field(() => ID, {
    description: 'Global id of the record the edge starts from, e.g. a city that hosted a conference.',
  })
  source!: string;

  @Field(() => ID, { description: 'Global id of the record the edge points to, e.g. the conference it hosted.' })
  target!: string;

  @Field(() => RelationshipLabel, { description: 'The kind of link, e.g. HOSTED.' })
  label!: RelationshipLabel;

  @Field({ description: 'The label in words, e.g. "hosted".' })
  text!: string;

  @Field(() => Int, { nullable: true, description: "The link's year (a conference's, e.g. 2016); null when undated." })
  year!: number | null;
}

@ObjectType({ description: 'The relationship graph, or the part of it a filter asks for.' })
export class Graph {
  @Field(() => [GraphNode], { description: 'Its records, by kind.' })
  nodes!: GraphNodeData[];

  @Field(() => [GraphEdge], { description: 'Its edges, each between two of its records.' })
  edges!: GraphEdgeData[];

  @Field(() => Int, { description: 'The number of nodes, e.g. 6 for the records in Greece.' })
  nodeCount!: number;

  @Field(() => Int, { description: 'The number of edges, e.g. 8 for the records in Greece.' })
  edgeCount!: number;
}
