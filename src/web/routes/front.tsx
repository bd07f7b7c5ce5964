// GET / — the front page: the Top Story as the lead (headline, standfirst, image, outlets covering
// it, when it broke), then the top stories, the latest articles and sections by topic; `?page=N`
// pages through the ranked stories.
import type { Hono } from 'hono';
import type { App } from '../../app.js';
import { rankedStories, storiesOfEntity } from '../../store/stories.js';
import { articlesOfStories, countStories, latestArticleBriefs, topicsInTheNews } from '../../store/pages.js';
import { listSources } from '../../store/sources.js';
import { approvedCommentCounts } from '../../store/comments.js';
import { strings } from '../strings.js';
import { articlePath, isWebUrl, storyPath, topicPath } from '../urls.js';
import { sitePage } from '../views/page.js';
import { Pager, StoryItem, ArticleItem, withLeads } from '../views/story-list.js';
import { When } from '../views/when.js';
import { badRequestPage, notFoundPage } from './errors.js';

/** Stories per page of the front page. */
export const STORIES_PER_PAGE = 20;
const LATEST = 12;
const SECTIONS = 4;
const SECTION_STORIES = 3;
const SECTION_WINDOW_MS = 48 * 3_600_000;

/** Reads a `page` query parameter: 1 when absent, undefined when it is not a page number. */
export function pageNumber(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return 1;
  if (!/^[1-9]\d{0,4}$/u.test(value)) return undefined;
  return Number(value);
}

/** Registers the front page. */
export function frontRoute(web: Hono, app: App, now: () => number): void {
  web.get('/', async (c) => {
    const f = strings.front;
    const page = pageNumber(c.req.query('page'));
    if (page === undefined) return badRequestPage(c, app, 'The page number must be a whole number from 1.');
    const t = now();
    const [stories, total, sources] = await Promise.all([
      rankedStories(app.store, { limit: STORIES_PER_PAGE, offset: (page - 1) * STORIES_PER_PAGE }),
      countStories(app.store),
      listSources(app.store),
    ]);
    if (page > 1 && stories.length === 0) return notFoundPage(c, app);
    const first = page === 1;
    const [latest, topics] = first
      ? await Promise.all([latestArticleBriefs(app.store, { limit: LATEST, originalsOnly: true }), topicsInTheNews(app.store, t - SECTION_WINDOW_MS, SECTIONS)])
      : [[], []];
    const sectionStories = await Promise.all(topics.map((topic) => storiesOfEntity(app.store, topic.id, SECTION_STORIES)));
    const allStories = [...stories, ...sectionStories.flat()];
    const leads = withLeads(allStories, await articlesOfStories(app.store, [...new Set(allStories.map((s) => s.id))]));
    const leadOf = new Map(leads.map((l) => [l.story.id, l.lead]));
    const ranked = leads.filter((l) => stories.includes(l.story));
    const top = first ? ranked[0] : undefined;
    const rest = first ? ranked.slice(1) : ranked;
    const lastPage = Math.max(1, Math.ceil(total / STORIES_PER_PAGE));
    // Comment counts on lists follow the page cache's age limit, not each comment (see cache.ts).
    const comments = await approvedCommentCounts(app.store, [...ranked.map((l) => l.lead.id), ...latest.map((a) => a.id)]);
    const image = top && isWebUrl(top.lead.image_url) ? top.lead.image_url : undefined;
    const title = f.pageTitle(app.config.siteName, page);
    return sitePage(c, app, {
      title,
      description: f.description(app.config.siteName, sources.length),
      meta: {
        path: page === 1 ? '/' : `/?page=${page}`,
        image,
        jsonLd: [{ '@context': 'https://schema.org', '@type': 'WebSite', name: app.config.siteName, url: app.config.baseUrl,
          potentialAction: { '@type': 'SearchAction', target: `${app.config.baseUrl}/search?q={query}`, 'query-input': 'required name=query' } }],
      },
    }, (
      <div class="front">
        <h1 class="visually-hidden">{title}</h1>
        {top ? (
          <article class={`lead-story${image ? ' has-image' : ''}`} aria-labelledby="top-story">
            <div>
              <p class="label">{f.topStoryLabel}</p>
              <h2 id="top-story"><a href={articlePath(top.lead)}>{top.lead.title}</a></h2>
              {top.lead.lead ? <p class="standfirst">{top.lead.lead}</p> : null}
              <p class="meta">
                {top.lead.source_name} · {f.broke} <When at={top.story.first_published_at} now={t} short /> · {f.updated}{' '}
                <When at={top.story.last_published_at} now={t} short />
              </p>
              <p><a class="more" href={storyPath(top.story)}>{f.fullCoverage}: {f.outletsCovering(top.story.outlet_count)}, {f.articles(top.story.article_count)}</a></p>
            </div>
            {image ? <img class="frame" src={image} alt="" width="800" height="450" fetchpriority="high" decoding="async" /> : null}
          </article>
        ) : null}
        <section aria-labelledby="top-stories">
          <h2 id="top-stories">{f.topStories}</h2>
          {ranked.length === 0 ? <p>{f.noStories}</p> : <ol class="story-list">{rest.map((l) => <StoryItem story={l.story} lead={l.lead} now={t} showLead comments={comments.get(l.lead.id)} />)}</ol>}
          <Pager
            previous={page > 1 ? (page === 2 ? '/' : `/?page=${page - 1}`) : undefined}
            next={page < lastPage ? `/?page=${page + 1}` : undefined}
            previousLabel={f.newerPage}
            nextLabel={f.olderPage}
          />
        </section>
        {first && latest.length > 0 ? (
          <section aria-labelledby="latest">
            <h2 id="latest">{f.latest}</h2>
            <ul class="plain-list">{latest.map((a) => <ArticleItem article={a} now={t} comments={comments.get(a.id)} />)}</ul>
          </section>
        ) : null}
        {first && topics.length > 0 ? (
          <section aria-labelledby="sections" class="front-sections">
            <h2 id="sections">{f.sections}</h2>
            <div class="sections">
              {topics.map((topic, i) => (
                <section aria-labelledby={`section-${topic.id}`}>
                  <h3 id={`section-${topic.id}`}><a href={topicPath(topic)}>{topic.name}</a></h3>
                  <ul class="plain-list">
                    {(sectionStories[i] ?? []).map((s) => {
                      const lead = leadOf.get(s.id);
                      return lead ? <li><a href={articlePath(lead)}>{lead.title}</a> <span class="meta">· {f.outletsCovering(s.outlet_count)}</span></li> : null;
                    })}
                  </ul>
                </section>
              ))}
            </div>
          </section>
        ) : null}
      </div>
    ));
  });
}
