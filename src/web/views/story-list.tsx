// How stories and articles appear in lists (front, topic, source and search pages): each story by
// the article that leads it, with how many outlets cover it and when it broke.
import type { ArticleBrief } from '../../store/pages.js';
import type { StoryRow } from '../../store/schema.js';
import { commentStrings, strings } from '../strings.js';
import { articlePath, storyPath } from '../urls.js';
import { When } from './when.js';

/** The article that represents a story in lists: an original with a standfirst and image if any, earliest first. */
export function pickLeadArticle(articles: readonly ArticleBrief[]): ArticleBrief | undefined {
  const originals = articles.filter((a) => a.duplicate_of === null);
  const pool = originals.length > 0 ? originals : articles;
  const worth = (a: ArticleBrief) => (a.lead ? 2 : 0) + (a.image_url ? 1 : 0);
  return [...pool].sort((a, b) => worth(b) - worth(a) || a.published_at - b.published_at || a.id - b.id)[0];
}

/** Stories with their lead articles, dropping stories that have none. */
export function withLeads(stories: readonly StoryRow[], articles: readonly ArticleBrief[]): Array<{ story: StoryRow; lead: ArticleBrief }> {
  const byStory = new Map<number, ArticleBrief[]>();
  for (const a of articles) if (a.story_id !== null) byStory.set(a.story_id, [...(byStory.get(a.story_id) ?? []), a]);
  const out: Array<{ story: StoryRow; lead: ArticleBrief }> = [];
  for (const story of stories) {
    const lead = pickLeadArticle(byStory.get(story.id) ?? []);
    if (lead) out.push({ story, lead });
  }
  return out;
}

/** One story in a list: headline (to its lead article), outlets, when it broke, full coverage. */
export function StoryItem(props: { story: StoryRow; lead: ArticleBrief; now: number; headingLevel?: 3 | 4; showLead?: boolean; comments?: number | undefined }) {
  const f = strings.front;
  const { story, lead } = props;
  const headline = <a href={articlePath(lead)}>{lead.title}</a>;
  return (
    <li>
      {props.headingLevel === 4 ? <h4>{headline}</h4> : <h3>{headline}</h3>}
      {props.showLead && lead.lead ? <p>{lead.lead}</p> : null}
      <p class="meta">
        {lead.source_name} · {f.broke} <When at={story.first_published_at} now={props.now} short /> ·{' '}
        <a class="more" href={storyPath(story)}>{f.fullCoverage}: {f.outletsCovering(story.outlet_count)}</a>
        <CommentCount article={lead} count={props.comments} />
      </p>
    </li>
  );
}

/** One article in a list: headline (to its page), outlet and time. */
export function ArticleItem(props: { article: ArticleBrief; now: number; showSource?: boolean; comments?: number | undefined }) {
  const a = props.article;
  return (
    <li>
      <a class="headline-link" href={articlePath(a)}>{a.title}</a>
      <br />
      <span class="meta">{props.showSource === false ? null : <>{a.source_name} · </>}<When at={a.published_at} now={props.now} short /><CommentCount article={a} count={props.comments} /></span>
    </li>
  );
}

/** " · 3 comments" linking to an article's comments, when it has approved ones. */
export function CommentCount(props: { article: { id: number; title: string }; count: number | undefined }) {
  if (!props.count) return null;
  return <> · <a class="more" href={`${articlePath(props.article)}#comments`}>{commentStrings.count(props.count)}</a></>;
}

/** Previous/next links of a paginated list. */
export function Pager(props: { previous?: string | undefined; next?: string | undefined; previousLabel: string; nextLabel: string }) {
  if (!props.previous && !props.next) return null;
  return (
    <nav class="pager" aria-label={strings.pagination.label}>
      <span>{props.previous ? <a href={props.previous} rel="prev">← {props.previousLabel}</a> : null}</span>
      <span>{props.next ? <a href={props.next} rel="next">{props.nextLabel} →</a> : null}</span>
    </nav>
  );
}
