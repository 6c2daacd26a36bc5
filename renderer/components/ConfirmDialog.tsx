import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A native modal <dialog>: focus is trapped and Escape cancels without extra code. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-title" onCancel={(e) => (e.preventDefault(), onCancel())} data-testid="confirm-dialog">
      <div className="dialog-body">
        <h2 id="confirm-title">{title}</h2>
        <div className="muted">{children}</div>
      </div>
      <div className="form-actions">
        <button className="btn" onClick={onCancel} disabled={busy} autoFocus>
          Cancel
        </button>
        <button className={danger ? 'btn danger solid' : 'btn primary'} onClick={onConfirm} disabled={busy} data-testid="confirm-button">
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
