import { Field, InputType } from 'type-graphql';
import { connectionTypeFor } from '../../common/connection';
import { StringFilter, stringConditions, whereFrom } from '../../common/filters';
import { listArgsFor } from '../../common/list-args';
import { orderInputFor } from '../../common/ordering';
import { hasTopicUnderThemeConditions } from '../theme/theme.inputs';
import { Workshop } from './workshop.entity';

@InputType({ description: 'Conditions on workshops; all given conditions must hold.' })
export class WorkshopFilter {
  @Field(() => StringFilter, { nullable: true, description: 'Title.' })
  title?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true, description: 'Slug of a theme its topics fall under.' })
  themeSlug?: StringFilter | null;
}

export const WorkshopOrderField = { TITLE: 'title', SLUG: 'slug' } as const;
export const WorkshopOrder = orderInputFor('Workshop', WorkshopOrderField, { title: 'Title.', slug: 'Slug.' });
export const WorkshopConnection = connectionTypeFor(Workshop);
export const WorkshopListArgs = listArgsFor('Workshop', WorkshopFilter, WorkshopOrder);

export function workshopWhere(filter: WorkshopFilter | null | undefined) {
  return whereFrom(
    [['title', stringConditions(filter?.title)]],
    hasTopicUnderThemeConditions(filter?.themeSlug),
  );
}
