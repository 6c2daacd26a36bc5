// The frame both engine wizards (zfs here, disk beside it) share: a modal <dialog> with the step list.
import { useEffect, useRef, type ReactNode } from 'react';
import { Icon } from '../../../components/Icon.js';
import '../../../styles/restore-engines.css';

interface Props {
  title: string;
  subtitle?: string;
  steps: readonly string[];
  current: number;
  testId: string;
  children: ReactNode;
  actions: ReactNode;
  onClose(): void;
}

export function WizardShell({ title, subtitle, steps, current, testId, children, actions, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog rw-dialog" aria-labelledby={`${testId}-title`} onCancel={(e) => (e.preventDefault(), onClose())} data-testid={testId}>
      <header className="rw-head">
        <div className="ellipsis">
          <h2 id={`${testId}-title`}>{title}</h2>
          {subtitle && <div className="muted ellipsis">{subtitle}</div>}
        </div>
        <button className="btn ghost small icon" aria-label="Close" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <ol className="rw-steps" aria-label="Steps">
        {steps.map((s, i) => (
          <li key={s} className={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
            <span className="rw-step-n">{i < current ? <Icon name="check" /> : i + 1}</span>
            {s}
          </li>
        ))}
      </ol>
      <div className="rw-body">{children}</div>
      <div className="form-actions rw-actions">{actions}</div>
    </dialog>
  );
}
