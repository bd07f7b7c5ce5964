// The stories layer's public face, for the pipeline and the web: duplicates and clustering
// (StoryClusterer), the periodic merge/split pass, ranking, related articles and entities.
// Everything here is pure: values in, values out, time as a parameter.
export { analyzeArticle, normalizeArticleUrl, type AnalyzedArticle, type StoryArticleInput } from './article.js';
export {
  clusterArticles, findStoryMerges, splitChainedStory, StoryClusterer,
  type Assignment, type ClusterOptions, type StoryMerge, type StorySplit,
} from './clusterer.js';
export { DuplicateIndex, type DuplicateMatch } from './duplicates.js';
export { bcubed, pairwiseScores } from './evaluation.js';
export { defaultJoinModel, joinProbability, type JoinModel } from './model.js';
export { explainStoryScore, storyScore, type ScoredArticle, type StoryScoreOptions } from './ranking.js';
export { relatedArticles, relatedStoryOf, storyProfile, type ProfiledArticle, type RelatedArticle, type RelatedStory } from './related.js';
export { extractEntities, learnGazetteerEntries, type Entity } from '../text/entities.js';
export { Gazetteer } from '../text/gazetteer.js';
