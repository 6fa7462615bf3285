import type { AnalysedPost } from '@/utils/messaging';

export interface PostAuthor {
  uid: string;
  /** As the page or the background named them; '' when unknown. Page text: rendered as text only. */
  name: string;
}

/**
 * Every post the feed has met on this page, by id: its author and the background's answer. The feed writes it (an
 * extracted post's author, a guide answer's author, each answer); the overlay, tracking, post exposure and the card
 * actions read it. It is the only place a post's author or answer is kept on the content side.
 */
export interface PostDirectory {
  author(postId: string): PostAuthor | null;
  /** The answer, undefined while there is none; `null` means the background had nothing for the post. */
  answer(postId: string): AnalysedPost | null | undefined;
  /** Whether the background called the post a guide post (false while its answer is not in). */
  isGuide(postId: string): boolean;
  /** The feed's writes. A later name replaces an earlier one; an empty name never replaces a known one. */
  setAuthor(postId: string, author: PostAuthor): void;
  setAnswer(postId: string, answer: AnalysedPost | null): void;
  /** Forget every answer (the detection threshold changed); authors stay. */
  clearAnswers(): void;
}

export function createPostDirectory(): PostDirectory {
  const authors = new Map<string, PostAuthor>();
  const answers = new Map<string, AnalysedPost | null>();
  return {
    author: (postId) => authors.get(postId) ?? null,
    answer: (postId) => answers.get(postId),
    isGuide: (postId) => answers.get(postId)?.detection.isGuide === true,
    setAuthor(postId, author) {
      const was = authors.get(postId);
      if (was && was.uid === author.uid && (author.name === '' || was.name === author.name)) return;
      authors.set(postId, { uid: author.uid, name: author.name || (was?.uid === author.uid ? was.name : '') });
    },
    setAnswer(postId, answer) {
      answers.set(postId, answer);
    },
    clearAnswers() {
      answers.clear();
    },
  };
}
