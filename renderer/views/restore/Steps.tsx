import { Icon } from '../../components/Icon.js';

/** The wizard's step list; steps already done can be revisited by clicking them (not while a restore runs). */
export function Steps({ steps, current, locked = false, onPick }: { steps: readonly string[]; current: number; locked?: boolean; onPick(i: number): void }) {
  return (
    <ol className="rc-steps" aria-label="Steps">
      {steps.map((s, i) => (
        <li key={s} className={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
          <button type="button" disabled={locked || i >= current} onClick={() => onPick(i)} data-testid={`step-${i}`}>
            <span className="rc-step-n">{i < current ? <Icon name="check" /> : i + 1}</span>
            <span>{s}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
