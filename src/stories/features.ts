// The similarity features of an (article, story) pair that the join model weighs: TF-IDF cosine of
// titles, of whole texts (title weighted) against the story's centroid and against its closest
// article, overlap of named entities, and time apart.
import { addInto, dot, norm, type SparseVector } from '../text/terms.js';

/** Names of the features, in model order. */
export const featureNames = ['titleCosine', 'textCosine', 'bestMemberCosine', 'entityOverlap', 'daysApart'] as const;

/** How many of a story's latest articles the closest-article feature looks at. */
const maxMembersCompared = 20;

/** Days beyond which time apart stops mattering more (the story window is three days). */
const maxDaysApart = 3;

/** The vectors of one article (all unit length). */
export interface ArticleVectors {
  id: string;
  published: number;
  /** Title and body terms, the title counted `titleWeight` times. */
  vector: SparseVector;
  titleVector: SparseVector;
  entityVector: SparseVector;
}

/** What features need from a story: its articles' vectors and running sums of them. */
export interface StoryVectors {
  members: readonly ArticleVectors[];
  centroid: SparseVector;
  titleCentroid: SparseVector;
  entityCentroid: SparseVector;
  /** Lengths of the three sums, kept up to date by whoever adds members (see addMemberVectors). */
  norms: { centroid: number; title: number; entity: number };
}

/** Adds an article's vectors to a story's sums and refreshes their lengths. */
export function addMemberVectors(story: StoryVectors & { members: ArticleVectors[] }, member: ArticleVectors): void {
  story.members.push(member);
  addInto(story.centroid, member.vector);
  addInto(story.titleCentroid, member.titleVector);
  addInto(story.entityCentroid, member.entityVector);
  story.norms = { centroid: norm(story.centroid), title: norm(story.titleCentroid), entity: norm(story.entityCentroid) };
}

/** The story vectors of a list of articles. */
export function storyVectorsOf(members: readonly ArticleVectors[]): StoryVectors & { members: ArticleVectors[] } {
  const story = { members: [] as ArticleVectors[], centroid: new Map(), titleCentroid: new Map(), entityCentroid: new Map(), norms: { centroid: 0, title: 0, entity: 0 } };
  for (const m of members) addMemberVectors(story, m);
  return story;
}

/** Cosine of a unit vector with a vector of known length. */
const unitCosine = (unit: ReadonlyMap<string, number>, other: ReadonlyMap<string, number>, length: number): number =>
  length === 0 || unit.size === 0 ? 0 : dot(unit, other) / length;

/** Cosine of two vectors of known lengths. */
const knownCosine = (a: ReadonlyMap<string, number>, la: number, b: ReadonlyMap<string, number>, lb: number): number =>
  la === 0 || lb === 0 ? 0 : dot(a, b) / (la * lb);

/** Features of an article against a story, in `featureNames` order. */
export function articleStoryFeatures(article: ArticleVectors, story: StoryVectors): number[] {
  let best = 0;
  let nearest = Infinity;
  // The latest articles stand for a long story: comparing with hundreds would cost more than it tells.
  const members = story.members.length > maxMembersCompared ? story.members.slice(-maxMembersCompared) : story.members;
  for (const member of members) {
    best = Math.max(best, dot(article.vector, member.vector));
    nearest = Math.min(nearest, Math.abs(article.published - member.published));
  }
  return [
    unitCosine(article.titleVector, story.titleCentroid, story.norms.title),
    unitCosine(article.vector, story.centroid, story.norms.centroid),
    best,
    unitCosine(article.entityVector, story.entityCentroid, story.norms.entity),
    Math.min(nearest / 86_400_000, maxDaysApart),
  ];
}

/** Features of two stories against each other (the merge pass compares stories as wholes). */
export function storyPairFeatures(a: StoryVectors, b: StoryVectors): number[] {
  let best = 0;
  let nearest = Infinity;
  for (const x of a.members) {
    for (const y of b.members) {
      best = Math.max(best, dot(x.vector, y.vector));
      nearest = Math.min(nearest, Math.abs(x.published - y.published));
    }
  }
  return [
    knownCosine(a.titleCentroid, a.norms.title, b.titleCentroid, b.norms.title),
    knownCosine(a.centroid, a.norms.centroid, b.centroid, b.norms.centroid),
    best,
    knownCosine(a.entityCentroid, a.norms.entity, b.entityCentroid, b.norms.entity),
    Math.min(nearest / 86_400_000, maxDaysApart),
  ];
}
