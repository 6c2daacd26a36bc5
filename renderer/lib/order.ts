/**
 * Strings by code point: ISO times, ids and ASCII names sort right this way, and localeCompare would
 * load the locale's collator on a page's cold load.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
