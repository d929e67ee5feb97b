/** The record kinds of the graph (server/common/record-kind.ts), with the colour and words the page shows. */
export const KINDS = [
  'CITY',
  'ORGANISATION',
  'COUNTRY',
  'CONFERENCE',
  'WORKSHOP',
  'THEME',
  'TOPIC',
  'PERSON',
  'PROJECT',
  'ASSOCIATION',
] as const;
export type RecordKind = (typeof KINDS)[number];

interface KindStyle {
  /** Singular, for a record ("City"). */
  name: string;
  /** Plural, for the legend and the filter ("Cities"). */
  plural: string;
  /** Fill in the drawing and the legend: at least 4.5:1 against white, so a disc stands out as text would. */
  colour: string;
}

export const KIND_STYLE: Readonly<Record<RecordKind, KindStyle>> = {
  CITY: { name: 'City', plural: 'Cities', colour: '#c2410c' },
  ORGANISATION: { name: 'Organisation', plural: 'Organisations', colour: '#1d4ed8' },
  COUNTRY: { name: 'Country', plural: 'Countries', colour: '#047857' },
  CONFERENCE: { name: 'Conference', plural: 'Conferences', colour: '#be185d' },
  WORKSHOP: { name: 'Workshop', plural: 'Workshops', colour: '#a16207' },
  THEME: { name: 'Theme', plural: 'Themes', colour: '#6d28d9' },
  TOPIC: { name: 'Topic', plural: 'Topics', colour: '#64748b' },
  PERSON: { name: 'Person', plural: 'People', colour: '#0e7490' },
  PROJECT: { name: 'Project', plural: 'Projects', colour: '#4d7c0f' },
  ASSOCIATION: { name: 'Association', plural: 'The association', colour: '#1f2937' },
};

export function isRecordKind(value: string): value is RecordKind {
  return (KINDS as readonly string[]).includes(value);
}
