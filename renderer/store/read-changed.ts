/**
 * Remembers the last answer read: the returned function says whether `value` differs from it (as JSON
 * text), so a reload that finds nothing new can keep the store as it is and nothing re-renders.
 */
export function readChanged(): (value: unknown) => boolean {
  let last = '';
  return (value) => {
    const read = JSON.stringify(value);
    if (read === last) return false;
    last = read;
    return true;
  };
}
