// Text with the words of a search marked, as the register shows its results.

import { useMemo } from 'react';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Marks words that start with any of the terms, as the search matched them (the last term as typed so far). */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  const pattern = useMemo(() => {
    const words = terms.filter((term) => term.length > 0).map(escapeRegExp);
    return words.length ? new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${words.join('|')})`, 'giu') : null;
  }, [terms]);
  if (!pattern || !text) return <>{text}</>;
  const parts: (string | { mark: string })[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ mark: match[0] });
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return <>{text}</>;
  parts.push(text.slice(last));
  return <>{parts.map((part, index) => (typeof part === 'string' ? part : <mark key={index}>{part.mark}</mark>))}</>;
}
