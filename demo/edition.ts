// The demo outlets' editorial state: which corpus articles are published (growth mode releases
// them oldest first), the time shift that makes the corpus look fresh, and each article as a reader
// sees it at a given instant (headline before or after its update). No network, no clock: `now`
// is always a parameter.
import { TopstoryError } from '../src/errors.js';
import type { CorpusArticle } from './corpus.js';
import type { Outlet } from './outlets.js';
import { permalinks, type Permalink } from './permalinks.js';

/** An outlet as served: its record plus where it answers. */
export interface SiteOutlet extends Outlet {
  baseUrl: string;
  feedUrl: string;
  homeUrl: string;
}

/** One article as its outlet shows it at one instant (times shifted). */
export interface ArticleView {
  article: CorpusArticle;
  site: SiteOutlet;
  permalink: Permalink;
  url: string;
  imageUrl: string | null;
  /** The headline now: `previousTitle` until the update time has passed. */
  title: string;
  published: Date;
  /** The update time once it has passed, else null. */
  updated: Date | null;
  /** For copies: the original article's URL on its own outlet and that outlet's name. */
  source: { url: string; outletName: string } | null;
}

/** Editorial state shared by the outlet servers of one demo run. */
export class DemoEdition {
  /** The corpus sorted by publication time, then id. */
  readonly articles: CorpusArticle[];
  /** Milliseconds added to every corpus time. */
  readonly offsetMs: number;
  readonly links: Map<string, Permalink>;
  private readonly byId: Map<string, CorpusArticle>;
  /** Position of each article in publication order (published when below `publishedCount`). */
  private readonly order: Map<string, number>;
  private readonly sites: Map<string, SiteOutlet>;
  private publishedCount: number;
  /** When the last release touched each outlet (so Last-Modified moves forward with the content). */
  private readonly releasedAt = new Map<string, Date>();

  constructor(corpus: readonly CorpusArticle[], sites: readonly SiteOutlet[], options: { shiftTo: Date | null; initialShare: number | null }) {
    this.articles = [...corpus].sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id));
    this.byId = new Map(this.articles.map((a) => [a.id, a]));
    this.order = new Map(this.articles.map((a, i) => [a.id, i]));
    this.sites = new Map(sites.map((s) => [s.slug, s]));
    this.links = permalinks(this.articles, sites);
    const newest = this.articles.at(-1);
    this.offsetMs = options.shiftTo && newest ? options.shiftTo.getTime() - Date.parse(newest.published) : 0;
    this.publishedCount = options.initialShare === null
      ? this.articles.length
      : Math.floor(this.articles.length * Math.min(1, Math.max(0, options.initialShare)));
  }

  /** Publishes the next `n` articles in publication order; returns how many were released. */
  release(n: number, now: Date): number {
    const before = this.publishedCount;
    this.publishedCount = Math.min(this.articles.length, this.publishedCount + Math.max(0, Math.floor(n)));
    for (const article of this.articles.slice(before, this.publishedCount)) this.releasedAt.set(article.outlet, now);
    return this.publishedCount - before;
  }

  /** The article with this id when it is published, else undefined. */
  published(id: string): CorpusArticle | undefined {
    return (this.order.get(id) ?? Infinity) < this.publishedCount ? this.byId.get(id) : undefined;
  }

  /** Any corpus article by id, published or not. */
  article(id: string): CorpusArticle | undefined {
    return this.byId.get(id);
  }

  /** A corpus time moved by the shift. */
  shift(iso: string): Date {
    return new Date(Date.parse(iso) + this.offsetMs);
  }

  /** The published articles of one outlet, newest first, as seen at `now`. */
  outletArticles(slug: string, now: Date): ArticleView[] {
    const views: ArticleView[] = [];
    for (const article of this.articles.slice(0, this.publishedCount)) {
      if (article.outlet === slug) views.push(this.view(article, now));
    }
    return views.reverse();
  }

  /** One article as its outlet shows it at `now`. */
  view(article: CorpusArticle, now: Date): ArticleView {
    const site = this.site(article.outlet);
    const permalink = this.links.get(article.id)!;
    const updatedAt = article.updated ? this.shift(article.updated) : null;
    const updated = updatedAt && updatedAt.getTime() <= now.getTime() ? updatedAt : null;
    const original = article.copyOf ? this.byId.get(article.copyOf) : undefined;
    return {
      article,
      site,
      permalink,
      url: site.baseUrl + permalink.path,
      imageUrl: article.image ? site.baseUrl + permalink.imagePath : null,
      title: article.previousTitle && !updated ? article.previousTitle : article.title,
      published: this.shift(article.published),
      updated,
      source: original
        ? { url: this.site(original.outlet).baseUrl + this.links.get(original.id)!.path, outletName: this.site(original.outlet).name }
        : null,
    };
  }

  /**
   * When an outlet's content last changed as of `now`: its newest publication, passed update or
   * release. Never later than `now` (RFC 9110 §8.8.2.1), so when a test clock sits before articles
   * that are already visible it is `now` itself, which still moves forward with every change.
   */
  outletModified(slug: string, now: Date): Date {
    let latest = this.releasedAt.get(slug)?.getTime() ?? 0;
    for (const view of this.outletArticles(slug, now)) {
      latest = Math.max(latest, (view.updated ?? view.published).getTime());
    }
    return new Date(Math.min(latest, now.getTime()));
  }

  private site(slug: string): SiteOutlet {
    const site = this.sites.get(slug);
    if (!site) throw new TopstoryError('demo', 'unknown_outlet', `article outlet "${slug}" is not a demo outlet`);
    return site;
  }
}
