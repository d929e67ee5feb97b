import type { TextRange } from './search.types';

/**
 * The words of a query and where they appear in a hit's text, worked out in JavaScript because the answer is in
 * JavaScript's units (UTF-16 offsets into the snippet). The database decides what matches and how well; this only
 * shows it. A word is a letter or digit followed by letters, marks and digits, as the database's key splits texts.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** How long a snippet may be before it is cut around the first match. */
const SNIPPET_LENGTH = 160;
/** How much text a cut snippet keeps before its first match. */
const LEAD = 50;

/** Letters that have no decomposition to strip, folded as PostgreSQL's unaccent rules fold them. */
const FOLDED_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Lower case without accents: "Zürich" and "ZURICH" both fold to "zurich". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDED_LETTERS[letter]);
}

/** The query's words, folded; empty when it has no letter or digit at all (only punctuation, emoji, spaces). */
export function queryWords(query: string): string[] {
  return [...query.normalize('NFKC').matchAll(WORD)].map((match) => fold(match[0]));
}

interface WordAt {
  start: number;
  text: string;
}

/**
 * The snippet of `text` to show for `words` and the stretches of it that match: each word of the text that starts
 * with a query word, its matching start highlighted; when none does (a match by near spelling), the word of the
 * text spelled most like each query word. A long text is cut to SNIPPET_LENGTH around its first match.
 */
export function snippetOf(text: string, words: string[]): { snippet: string; highlights: TextRange[] } {
  const textWords: WordAt[] = [...text.matchAll(WORD)].map((match) => ({ start: match.index, text: match[0] }));
  let ranges = textWords.flatMap((word) => {
    const length = matchedPrefixLength(word.text, words);
    return length > 0 ? [{ start: word.start, length }] : [];
  });
  if (ranges.length === 0) ranges = nearestWords(textWords, words);
  if (text.length <= SNIPPET_LENGTH) return { snippet: text, highlights: ranges };

  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, first - LEAD);
  // Start and end at word boundaries (never inside a surrogate pair), marking each cut with "…".
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : first;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    end = space > first ? space : end;
    if (/[\uDC00-\uDFFF]/.test(text[end] ?? '')) end -= 1;
  }
  const before = start > 0 ? '…' : '';
  const after = end < text.length ? '…' : '';
  const shift = before.length - start;
  return {
    snippet: `${before}${text.slice(start, end)}${after}`,
    highlights: ranges
      .filter((range) => range.start >= start && range.start + range.length <= end)
      .map((range) => ({ start: range.start + shift, length: range.length })),
  };
}

/** How many UTF-16 units of `word` match the longest query word it starts with (0 if none). */
function matchedPrefixLength(word: string, queryWords: string[]): number {
  const folded = fold(word);
  const wanted = queryWords.filter((query) => folded.startsWith(query)).sort((a, b) => b.length - a.length)[0];
  if (!wanted) return 0;
  // Fold character by character until the folded prefix covers the query word; marks after it belong to it.
  let covered = '';
  let units = 0;
  for (const character of word) {
    if (covered.length >= wanted.length && !/\p{M}/u.test(character)) break;
    covered += fold(character);
    units += character.length;
  }
  return units;
}

/** For each query word, the text word spelled most like it (trigram similarity, as pg_trgm measures it). */
function nearestWords(textWords: WordAt[], queryWords: string[]): TextRange[] {
  const chosen = new Map<number, TextRange>();
  for (const query of queryWords) {
    let best: { word: WordAt; similarity: number } | undefined;
    for (const word of textWords) {
      const similarity = trigramSimilarity(query, fold(word.text));
      if (similarity > (best?.similarity ?? 0.25)) best = { word, similarity };
    }
    if (best) chosen.set(best.word.start, { start: best.word.start, length: best.word.text.length });
  }
  return [...chosen.values()].sort((a, b) => a.start - b.start);
}

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const found = new Set<string>();
  const characters = [...padded];
  for (let index = 0; index + 3 <= characters.length; index++) found.add(characters.slice(index, index + 3).join(''));
  return found;
}

function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  let common = 0;
  for (const trigram of left) if (right.has(trigram)) common++;
  return common / (left.size + right.size - common);
}
