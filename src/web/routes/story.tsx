// GET /stories/:id — full coverage of one story: every outlet's article in a timeline (copies
// collapsed under their original), when it was first reported and last updated, and its entities.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { getStory } from '../../store/stories.js';
import { articlesOfStories, entitiesOfArticles, type ArticleBrief } from '../../store/pages.js';
import { strings } from '../strings.js';
import { absoluteUrl, articlePath, isWebUrl, storyPath, topicPath } from '../urls.js';
import { sitePage } from '../views/page.js';
import { pickLeadArticle } from '../views/story-list.js';
import { When } from '../views/when.js';
import { notFoundPage } from './errors.js';
import { articleId } from './article.js';

/** Registers the story page. */
export function storyRoute(web: Hono, app: App, now: () => number): void {
  web.get('/stories/:id', async (c) => {
    const s = strings.story;
    const id = articleId(c.req.param('id'));
    const story = id === undefined ? undefined : await getStory(app.store, id);
    if (!story) return notFoundPage(c, app);
    const t = now();
    const articles = await articlesOfStories(app.store, [story.id]);
    if (articles.length === 0) return notFoundPage(c, app);
    const entities = await entitiesOfArticles(app.store, articles.map((a) => a.id), 24);
    const originals = articles.filter((a) => a.duplicate_of === null);
    const copiesOf = new Map<number, ArticleBrief[]>();
    for (const a of articles) if (a.duplicate_of !== null) copiesOf.set(a.duplicate_of, [...(copiesOf.get(a.duplicate_of) ?? []), a]);
    // A copy whose original is not in this story still belongs in the timeline.
    const orphans = articles.filter((a) => a.duplicate_of !== null && !originals.some((o) => o.id === a.duplicate_of));
    const timeline = [...originals, ...orphans].sort((a, b) => a.published_at - b.published_at || a.id - b.id);
    const lead = pickLeadArticle(articles);
    const path = storyPath(story);
    const byKind = (kind: string) => entities.filter((e) => e.kind === kind);
    return sitePage(c, app, {
      title: story.title,
      description: lead?.lead ?? s.coverage(story.article_count, story.outlet_count),
      meta: {
        path, image: isWebUrl(lead?.image_url) ? lead.image_url : undefined, feedBase: path, feedTitle: `${app.config.siteName}: ${story.title}`,
        jsonLd: [{
          '@context': 'https://schema.org', '@type': 'ItemList', name: story.title,
          itemListElement: timeline.map((a, i) => ({ '@type': 'ListItem', position: i + 1, url: absoluteUrl(app.config.baseUrl, articlePath(a)) })),
        }],
      },
    }, (
      <>
        <p class="label">{s.fullCoverage}</p>
        <h1>{story.title}</h1>
        {lead?.lead ? <p class="standfirst">{lead.lead}</p> : null}
        <p class="meta">
          {s.coverage(story.article_count, story.outlet_count)} · {s.firstReported} <When at={story.first_published_at} now={t} /> · {s.lastUpdate}{' '}
          <When at={story.last_published_at} now={t} />
        </p>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">{s.timeline}</h2>
          <ol class="timeline">
            {timeline.map((a) => {
              const copies = copiesOf.get(a.id) ?? [];
              return (
                <li>
                  <When at={a.published_at} now={t} /><br />
                  <strong>{a.source_name}</strong>: <a href={articlePath(a)}>{a.title}</a>
                  {a.lead ? <p>{a.lead}</p> : null}
                  {copies.length > 0 ? (
                    <details>
                      <summary>{s.duplicates(copies.length)}</summary>
                      <ul class="copies">{copies.map((x) => <li>{s.copyAt} {x.source_name}: <a href={articlePath(x)}>{x.title}</a></li>)}</ul>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
        {entities.length > 0 ? (
          <section aria-labelledby="entities-heading">
            <h2 id="entities-heading">{s.entities}</h2>
            {(['person', 'place', 'org'] as const).map((kind) => byKind(kind).length > 0 ? (
              <>
                <h3>{strings.topic.kinds[kind]}</h3>
                <ul class="tags">{byKind(kind).map((e) => <li><a href={topicPath(e)}>{e.name}</a></li>)}</ul>
              </>
            ) : null)}
          </section>
        ) : null}
      </>
    ));
  });
}
