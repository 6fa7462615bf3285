import type { Post } from '@/utils/types';

// TEMPORARY stand-in for the lead's `applyLongText` (utils/sites/page-json.ts), removed once it lands on main.
export function applyLongText(post: Post, longTextContent: string, _urlStruct?: unknown): Post {
  const text = longTextContent
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .slice(0, 20_000);
  return { ...post, text, truncated: false } as Post;
}
