/**
 * How typed answers and keywords are compared, as the contract says: NFKC, lower case, white
 * space and punctuation removed. Its own module so that match.ts and answer-language.ts can
 * both use it without importing each other.
 */

/** Answers longer than this are cut before matching, so no pattern can be made to crawl. */
export const MAX_ANSWER_LENGTH = 2000;

export function normalizeAnswer(text: string): string {
  return (
    text
      .slice(0, MAX_ANSWER_LENGTH)
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\p{White_Space}\p{P}]/gu, '')
      // NFKC can make one character eighteen (U+FDFA): cut again, or 2,000 typed characters
      // become 30,000 and even a plain `.*x` takes seconds (regex-safety.ts counts on this bound).
      .slice(0, MAX_ANSWER_LENGTH)
  );
}
