import { useEffect } from 'react';
import { useStore } from '../store/index.js';
import type { Toast } from '../store/ui-slice.js';
import { Icon } from './Icon.js';

const LIFETIME_MS = { success: 6000, info: 6000, warning: 12000, error: 15000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useStore((s) => s.dismissToast);
  useEffect(() => {
    const t = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.kind]);
    return () => clearTimeout(t);
  }, [toast.id, toast.kind, dismiss]);
  const text = (
    <>
      <div className="toast-title">{toast.title}</div>
      {toast.body && <div className="toast-body">{toast.body}</div>}
    </>
  );
  return (
    <div className={`toast ${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast">
      <div className="toast-text">{toast.href ? <a href={toast.href}>{text}</a> : text}</div>
      <button className="btn ghost small icon" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
        <Icon name="close" />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <ToastItem key={t.id} toast={t} />
      ))}
    </div>
  );
}
