import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { facet, facetsFor } from '../../common/facets';
import { StringFilter, enumConditions, enumFilterFor, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { Source, SourceKind } from './source.entity';

export const SourceKindFilter = enumFilterFor(SourceKind, 'SourceKind');

@InputType({ description: 'Conditions on source documents; all given conditions must hold.' })
export class SourceFilter {
  @Field(() => StringFilter, { nullable: true, description: 'File name.' })
  fileName?: StringFilter | null;

  @Field(() => SourceKindFilter, { nullable: true, description: 'Primary or supplementary.' })
  kind?: InstanceType<typeof SourceKindFilter> | null;
}

export const SourceOrderField = { FILE_NAME: 'fileName', RANK: 'rank' } as const;
export const SourceOrder = orderInputFor('Source', SourceOrderField, { fileName: 'File name.', rank: 'Rank.' });
/** The groups of `sources { facets }`, one per field the filter above can narrow by (the file name is text). */
export const SourceFacets = facetsFor(Source, 'Source', { list: 'sources', countExample: '3 source documents' }, [
  facet.enum('kind', ['kind'], SourceKind, 'SourceKind', 'Sources per kind, e.g. 2 PRIMARY, 1 SUPPLEMENTARY.'),
]);
export const SourceConnection = connectionTypeFor(Source, undefined, { facets: SourceFacets });
export const SourceListArgs = listArgsFor('Source', SourceFilter, SourceOrder);

export function sourceWhere(filter: SourceFilter | null | undefined) {
  return whereFrom([
    ['fileName', stringConditions(filter?.fileName)],
    ['kind', enumConditions(filter?.kind)],
  ]);
}
