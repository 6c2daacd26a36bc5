import { useState, type KeyboardEvent } from 'react';
import { tagSchema } from '../../../shared/domain.js';

/** Tags as chips; Enter or comma adds what was typed, Backspace on an empty field removes the last one. */
export function TagEditor({ tags, onChange, inputId }: { tags: string[]; onChange(t: string[]): void; inputId: string }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const t = text.trim();
    if (!t) return;
    const r = tagSchema.safeParse(t);
    if (!r.success) return setError(r.error.issues[0]?.message ?? 'not a valid tag');
    if (!tags.includes(t)) onChange([...tags, t]);
    setText('');
    setError(null);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && text === '' && tags.length) onChange(tags.slice(0, -1));
  };
  return (
    <div className="tag-editor">
      <div className="tag-list">
        {tags.map((t) => (
          <span key={t} className="tag-chip">
            {t}
            <button type="button" aria-label={`Remove tag ${t}`} onClick={() => onChange(tags.filter((x) => x !== t))}>
              ×
            </button>
          </span>
        ))}
        <input id={inputId} className="tag-input" value={text} placeholder={tags.length ? '' : 'add a tag…'} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} onBlur={add} data-testid="tag-input" />
      </div>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
