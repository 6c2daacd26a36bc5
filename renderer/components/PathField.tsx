import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { absPathSchema } from '../../shared/domain.js';
import { errorMessage, hasMethod, request, requestOptional, transport } from '../api/index.js';
import { pathProblem, type PathExpectation } from '../lib/path-problem.js';

interface Props {
  label: string;
  value: string;
  onChange(v: string): void;
  /** what the path must be for the form to accept it */
  expect: PathExpectation;
  /** an empty value is allowed (optional fields) */
  optional?: boolean;
  /** the path may not exist yet (a repository to create) */
  mayNotExist?: boolean;
  hint?: string;
  placeholder?: string;
  testId: string;
  /** reports whether the current value is acceptable, so the form can enable its submit button */
  onValidity?(valid: boolean): void;
}

/** A path typed in the browser, checked by the server as you type (checkPath) with completions (completePath). */
export function PathField({ label, value, onChange, expect, optional, mayNotExist = false, hint, placeholder, testId, onValidity }: Props) {
  const id = useId();
  const [status, setStatus] = useState<{ error: string | null; ok: string | null; checking: boolean }>({ error: null, ok: null, checking: false });
  const [options, setOptions] = useState<string[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (value === '') {
      setStatus({ error: null, ok: null, checking: false });
      setOptions([]);
      onValidity?.(Boolean(optional));
      return;
    }
    const local = absPathSchema.safeParse(value);
    if (!local.success) {
      setStatus({ error: local.error.issues[0]?.message ?? 'not a valid path', ok: null, checking: false });
      onValidity?.(false);
      return;
    }
    setStatus((s) => ({ ...s, checking: true }));
    onValidity?.(false);
    // Debounced so typing a long path sends one check, not one per key.
    const t = setTimeout(async () => {
      try {
        const [check, completions] = await Promise.all([request('checkPath', { path: value }), request('completePath', { path: value, directoriesOnly: expect === 'directory' })]);
        if (mine !== seq.current) return;
        const problem = pathProblem(check, expect, mayNotExist);
        const okText = !check.exists ? 'Will be created.' : check.kind === 'directory' ? 'Folder found.' : check.kind === 'block-device' ? 'Block device found.' : 'File found.';
        setStatus({ error: problem, ok: problem ? null : okText, checking: false });
        setOptions(completions.filter((c) => c !== value).slice(0, 50));
        setActive(-1);
        onValidity?.(problem === null);
      } catch (e) {
        if (mine !== seq.current) return;
        setStatus({ error: errorMessage(e), ok: null, checking: false });
        onValidity?.(false);
      }
    }, 180);
    return () => clearTimeout(t);
    // onValidity is a callback from the parent; re-running on its identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, expect, mayNotExist, optional]);

  const pick = (p: string) => {
    onChange(expect === 'directory' && !p.endsWith('/') ? `${p}/` : p);
    setOpen(true);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open || options.length === 0) return;
    if (e.key === 'ArrowDown') setActive((a) => (e.preventDefault(), Math.min(options.length - 1, a + 1)));
    else if (e.key === 'ArrowUp') setActive((a) => (e.preventDefault(), Math.max(0, a - 1)));
    else if ((e.key === 'Enter' || e.key === 'Tab') && active >= 0 && options[active]) {
      e.preventDefault();
      pick(options[active]!);
    } else if (e.key === 'Escape') setOpen(false);
  };

  // In the desktop app a native dialog picks the path (when main offers one); the browser types it.
  const canPick = transport === 'electron' && hasMethod('pickPath');
  const choose = async () => {
    try {
      const picked = await requestOptional<string | null>('pickPath', { title: label, directory: expect === 'directory', ...(value.startsWith('/') ? { defaultPath: value } : {}) });
      if (picked) onChange(picked);
    } catch (e) {
      setStatus({ error: errorMessage(e), ok: null, checking: false });
    }
  };

  const listId = `${id}-list`;
  const msgId = `${id}-msg`;
  const showList = open && options.length > 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className={canPick ? 'combo with-button' : 'combo'}>
        <input
          id={id}
          className="input mono"
          value={value}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={status.error ? true : undefined}
          aria-describedby={msgId}
          data-testid={testId}
          onChange={(e) => (onChange(e.target.value), setOpen(true))}
          onKeyDown={onKey}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        {canPick && (
          <button type="button" className="btn" onClick={choose}>
            Choose…
          </button>
        )}
        {showList && (
          <ul className="combo-list" id={listId} role="listbox" aria-label={`${label} suggestions`}>
            {options.map((o, i) => (
              <li key={o} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), pick(o))}>
                {o}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div id={msgId} aria-live="polite">
        {status.error ? (
          <span className="error" data-testid={`${testId}-error`}>
            {status.error}
          </span>
        ) : status.ok ? (
          <span className="okmsg">{status.ok}</span>
        ) : hint ? (
          <span className="hint">{hint}</span>
        ) : null}
      </div>
    </div>
  );
}
