// GET /topics/:slug — a person, place or organisation in the news: the stories that mention it,
// most recent first.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { getEntityBySlug, storiesOfEntity } from '../../store/stories.js';
import { articlesOfStories } from '../../store/pages.js';
import { approvedCommentCounts } from '../../store/comments.js';
import { strings } from '../strings.js';
import { topicPath } from '../urls.js';
import { sitePage } from '../views/page.js';
import { StoryItem, withLeads } from '../views/story-list.js';
import { notFoundPage } from './errors.js';

const STORIES = 50;

/** Registers the topic page. */
export function topicRoute(web: Hono, app: App, now: () => number): void {
  web.get('/topics/:slug', async (c) => {
    const s = strings.topic;
    const entity = await getEntityBySlug(app.store, c.req.param('slug'));
    if (!entity) return notFoundPage(c, app);
    const t = now();
    const stories = await storiesOfEntity(app.store, entity.id, STORIES);
    const leads = withLeads(stories, await articlesOfStories(app.store, stories.map((x) => x.id)));
    const path = topicPath(entity);
    const comments = await approvedCommentCounts(app.store, leads.map((l) => l.lead.id));
    return sitePage(c, app, {
      title: entity.name,
      description: s.description(entity.name),
      meta: { path, feedBase: path, feedTitle: `${app.config.siteName}: ${entity.name}`,
        jsonLd: [{ '@context': 'https://schema.org', '@type': 'CollectionPage', name: entity.name, about: { '@type': entity.kind === 'person' ? 'Person' : entity.kind === 'place' ? 'Place' : 'Organization', name: entity.name } }] },
    }, (
      <>
        <p class="label">{s.kinds[entity.kind] ?? entity.kind}</p>
        <h1>{entity.name}</h1>
        <h2>{s.stories}</h2>
        {leads.length === 0 ? <p>{s.none(entity.name)}</p> : <ol class="story-list">{leads.map((l) => <StoryItem story={l.story} lead={l.lead} now={t} showLead comments={comments.get(l.lead.id)} />)}</ol>}
      </>
    ));
  });
}
