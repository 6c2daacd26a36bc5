import type { CasFileDiff, CasFileSide } from '../../../../shared/contract/cas.js';
import { formatBytes } from '../../../../shared/format.js';

function Side({ name, side }: { name: string; side: CasFileSide }) {
  return (
    <div className="rc-diff-side">
      <span className="rc-diff-tag">{name}</span>
      <span className="ellipsis">{side.label}</span>
      <span className="num muted">{formatBytes(side.size)}</span>
      <span className="mono faint" title={side.sha256}>
        sha256 {side.sha256.slice(0, 16)}…
      </span>
    </div>
  );
}

/** A comparison of two versions: the changed lines of a text file, or size and hash of anything else. */
export function DiffView({ diff, aName, bName }: { diff: CasFileDiff; aName: string; bName: string }) {
  return (
    <div className="rc-diff" data-testid="diff-view" data-kind={diff.kind}>
      <div className="rc-diff-head">
        <Side name={`− ${aName}`} side={diff.a} />
        <Side name={`+ ${bName}`} side={diff.b} />
      </div>
      {diff.identical ? (
        <div className="rc-diff-note" data-testid="diff-identical">
          The two are identical (same size and SHA-256).
        </div>
      ) : diff.kind === 'binary' ? (
        <div className="rc-diff-note" data-testid="diff-binary">
          {diff.reason === 'too-large' ? 'Too large to compare line by line (over 2 MiB):' : 'Not a text file:'} they differ in{' '}
          {diff.a.size !== diff.b.size ? `size (${diff.b.size - diff.a.size > 0 ? '+' : '−'}${formatBytes(Math.abs(diff.b.size - diff.a.size))}) and ` : ''}content (SHA-256).
        </div>
      ) : (
        <>
          <div className="rc-diff-note num" data-testid="diff-stats">
            <span className="add">+{diff.added}</span> <span className="del">−{diff.removed}</span> lines
            {diff.truncated ? ' · only the first changes are shown' : ''}
          </div>
          <div className="rc-diff-body mono" role="table" aria-label="Changed lines">
            {diff.hunks.map((h, i) => (
              <div key={i} className="rc-hunk" role="rowgroup">
                <div className="rc-hunk-head" role="row">
                  @@ −{h.aStart},{h.aLines} +{h.bStart},{h.bLines} @@
                </div>
                {numbered(h).map((l, j) => (
                  <div key={j} className={`rc-line ${l.op === '+' ? 'add' : l.op === '-' ? 'del' : ''}`} role="row" data-testid={l.op === ' ' ? undefined : 'diff-line'}>
                    <span className="rc-ln">{l.a ?? ''}</span>
                    <span className="rc-ln">{l.b ?? ''}</span>
                    <span className="rc-op">{l.op}</span>
                    <span className="rc-text">{l.text}</span>
                  </div>
                ))}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

/** Line numbers on each side for a hunk's lines. */
function numbered(h: Extract<CasFileDiff, { kind: 'text' }>['hunks'][number]) {
  let a = h.aStart;
  let b = h.bStart;
  return h.lines.map((l) => ({ ...l, a: l.op !== '+' ? a++ : undefined, b: l.op !== '-' ? b++ : undefined }));
}
