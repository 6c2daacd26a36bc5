import type { RetentionPolicy } from '../../../shared/domain.js';
import { TagEditor } from '../timeline/TagEditor.js';
import { COUNT_RULES, RETENTION_PRESETS } from './retention-presets.js';

interface Props {
  policy: RetentionPolicy;
  onChange(p: RetentionPolicy): void;
}

/** Every rule of the policy model as a direct control; empty means "rule not used". */
export function RuleFields({ policy, onChange }: Props) {
  const setCount = (key: (typeof COUNT_RULES)[number]['key'], text: string) => {
    const next = { ...policy };
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) delete next[key];
    else next[key] = Math.max(0, Math.floor(n));
    onChange(next);
  };
  return (
    <div className="rule-fields">
      <div className="segmented" role="group" aria-label="Presets">
        {RETENTION_PRESETS.map((p) => (
          <button key={p.id} type="button" title={p.hint} aria-pressed={JSON.stringify(p.policy) === JSON.stringify(policy)} onClick={() => onChange(p.policy)} data-testid={`preset-${p.id}`}>
            {p.label}
          </button>
        ))}
      </div>
      <div className="rule-grid">
        {COUNT_RULES.map((r) => (
          <div className="field" key={r.key}>
            <label htmlFor={`rule-${r.key}`}>{r.label}</label>
            <div className="unit-input">
              <input
                id={`rule-${r.key}`}
                className="input"
                type="number"
                min={0}
                inputMode="numeric"
                value={policy[r.key] ?? ''}
                placeholder="—"
                onChange={(e) => setCount(r.key, e.target.value)}
                data-testid={`rule-${r.key}`}
              />
              <span className="faint">{r.unit}</span>
            </div>
          </div>
        ))}
        <div className="field">
          <label htmlFor="rule-keepWithin">Everything within</label>
          <input
            id="rule-keepWithin"
            className="input"
            value={policy.keepWithin ?? ''}
            placeholder="e.g. 7d"
            onChange={(e) => {
              const next = { ...policy };
              if (e.target.value.trim() === '') delete next.keepWithin;
              else next.keepWithin = e.target.value.trim();
              onChange(next);
            }}
            data-testid="rule-keepWithin"
          />
        </div>
        <div className="field span-2">
          <label htmlFor="rule-tags">Always keep snapshots tagged</label>
          <TagEditor
            inputId="rule-tags"
            tags={policy.keepTags ?? []}
            onChange={(tags) => {
              const next = { ...policy };
              if (tags.length) next.keepTags = tags;
              else delete next.keepTags;
              onChange(next);
            }}
          />
        </div>
      </div>
    </div>
  );
}
