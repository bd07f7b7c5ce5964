// Comments as threads: replies under what they reply to, top-level comments oldest first by default
// (newest first when the site says so), replies always oldest first so a conversation reads down.

/** What threading needs of a comment. */
export interface Threadable {
  id: number;
  parent_id: number | null;
  created_at: number;
}

/** One place in a thread: a comment, or a removed comment that still has visible replies. */
export interface ThreadNode<T extends Threadable> {
  id: number;
  comment: T | undefined;
  replies: ThreadNode<T>[];
}

/** Order of top-level comments. */
export type ThreadOrder = 'oldest' | 'newest';

const byTime = <T extends Threadable>(a: ThreadNode<T>, b: ThreadNode<T>) => firstTime(a) - firstTime(b) || a.id - b.id;

// A removed comment sits where its first visible reply would.
function firstTime<T extends Threadable>(node: ThreadNode<T>): number {
  return node.comment?.created_at ?? Math.min(...node.replies.map(firstTime));
}

/** Arranges comments into threads; a reply whose parent is not shown hangs under a "removed" placeholder. */
export function buildThreads<T extends Threadable>(comments: readonly T[], order: ThreadOrder = 'oldest'): ThreadNode<T>[] {
  const nodes = new Map<number, ThreadNode<T>>();
  for (const comment of comments) nodes.set(comment.id, { id: comment.id, comment, replies: [] });
  const roots: ThreadNode<T>[] = [];
  for (const comment of comments) {
    const node = nodes.get(comment.id)!;
    if (comment.parent_id === null) {
      roots.push(node);
      continue;
    }
    let parent = nodes.get(comment.parent_id);
    if (!parent) {
      parent = { id: comment.parent_id, comment: undefined, replies: [] };
      nodes.set(comment.parent_id, parent);
      roots.push(parent);
    }
    parent.replies.push(node);
  }
  const sortReplies = (node: ThreadNode<T>) => {
    node.replies.sort(byTime);
    node.replies.forEach(sortReplies);
  };
  roots.forEach(sortReplies);
  roots.sort(byTime);
  if (order === 'newest') roots.reverse();
  return roots;
}
