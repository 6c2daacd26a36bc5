import { CodedError } from '../../../../../shared/result.js';
import { BLOB_TREE } from '../pack/format.js';
import type { BlobWriter } from '../repo/blob-writer.js';
import type { Repository } from '../repo/repository.js';
import { compareKeys, decodeName, encodeName, type EncodedName, entryFromJson, type EntryJson, entryToJson, type TreeEntry } from './entry.js';

// A snapshot's tree is a sorted list of entries cut into pages; each page is a tree blob (JSON,
// zstd) in the packs, deduplicated like data. The manifest lists the pages with their first and
// last keys, so a lookup or a directory listing reads one or two pages, not the whole tree.

export interface PageRef {
  id: string;
  n: number;
  first: EncodedName;
  last: EncodedName;
}

const PAGE_ENTRIES = 1000;
const PAGE_BYTES = 1 << 20;

/** Entries must already be in tree order (compareKeys). */
export async function writePages(entries: TreeEntry[], writer: BlobWriter): Promise<PageRef[]> {
  const pages: PageRef[] = [];
  let cur: EntryJson[] = [];
  let bytes = 0;
  let first: TreeEntry | undefined;
  let last: TreeEntry | undefined;
  const flush = async () => {
    if (!first || !last) return;
    const id = await writer.addRaw(BLOB_TREE, Buffer.from(JSON.stringify(cur)));
    pages.push({ id, n: cur.length, first: encodeName(first.path), last: encodeName(last.path) });
    cur = [];
    bytes = 0;
    first = undefined;
  };
  for (const e of entries) {
    const j = entryToJson(e);
    cur.push(j);
    bytes += 100 + (j.c ? j.c.length * 67 : 0);
    first ??= e;
    last = e;
    if (cur.length >= PAGE_ENTRIES || bytes >= PAGE_BYTES) await flush();
  }
  await flush();
  return pages;
}

export async function readPage(repo: Repository, ref: PageRef): Promise<TreeEntry[]> {
  const raw = await repo.readBlob(ref.id);
  let json: EntryJson[];
  try {
    json = JSON.parse(raw.toString('utf8')) as EntryJson[];
  } catch {
    throw new CodedError('corrupt', `tree page ${ref.id} is not valid JSON`);
  }
  return json.map(entryFromJson);
}

/** Every entry, page by page (restore, diff, verify). */
export async function* allEntries(repo: Repository, pages: PageRef[]): AsyncGenerator<TreeEntry> {
  for (const ref of pages) yield* await readPage(repo, ref);
}

/** Index of the first page whose last key is >= key (binary search over the page bounds). */
export function firstPageFor(pages: PageRef[], key: Buffer): number {
  let lo = 0;
  let hi = pages.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(decodeName(pages[mid]!.last), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The entry at exactly `path`, reading one page. */
export async function lookup(repo: Repository, pages: PageRef[], path: Buffer): Promise<TreeEntry | undefined> {
  const i = firstPageFor(pages, path);
  if (i >= pages.length) return undefined;
  const entries = await readPage(repo, pages[i]!);
  return entries.find((e) => e.path.equals(path));
}
