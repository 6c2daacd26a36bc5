import { useShallow } from 'zustand/react/shallow';
import type { View } from '../lib/route.js';
import { useStore } from '../store/index.js';
import { BrandMark, Icon, type IconName } from './Icon.js';

const ITEMS: { view: View; label: string; icon: IconName }[] = [
  { view: 'workloads', label: 'Workloads', icon: 'workloads' },
  { view: 'timeline', label: 'Timeline', icon: 'timeline' },
  { view: 'restore', label: 'Restore', icon: 'restore' },
  { view: 'policies', label: 'Policies', icon: 'policies' },
  { view: 'transfers', label: 'Transfers', icon: 'transfers' },
  { view: 'settings', label: 'Settings', icon: 'settings' },
];

const CONNECTION_TEXT = { open: 'Connected', connecting: 'Connecting…', reconnecting: 'Reconnecting…', closed: 'Disconnected' } as const;

export function Sidebar() {
  const view = useStore((s) => s.route.view);
  const navigate = useStore((s) => s.navigate);
  const connection = useStore((s) => s.connection.state);
  const attention = useStore((s) => s.attention);
  // Only the count of active jobs: progress ticks must not re-render the sidebar.
  const active = useStore(useShallow((s) => Object.values(s.jobs).filter((j) => j.state === 'running' || j.state === 'queued').length));
  return (
    <aside className="sidebar">
      <div className="brand">
        <BrandMark />
        <span>Tidemark</span>
      </div>
      <nav className="nav" aria-label="Main">
        {ITEMS.map((it) => (
          <a
            key={it.view}
            href={`#/${it.view}`}
            className="nav-item"
            aria-current={view === it.view ? 'page' : undefined}
            data-testid={`nav-${it.view}`}
            onClick={(e) => (e.preventDefault(), navigate({ view: it.view, param: null }))}
          >
            <Icon name={it.icon} />
            <span>{it.label}</span>
            {it.view === 'workloads' && attention > 0 && (
              <span className="nav-badge warn" aria-label={`${attention} need attention`} data-testid="attention-badge">
                {attention}
              </span>
            )}
            {it.view === 'transfers' && active > 0 && (
              <span className="nav-badge" aria-label={`${active} active`}>
                {active}
              </span>
            )}
          </a>
        ))}
      </nav>
      <div className="sidebar-foot" title={CONNECTION_TEXT[connection]}>
        <span className={`conn-dot ${connection}`} aria-hidden="true" />
        <span>{CONNECTION_TEXT[connection]}</span>
      </div>
    </aside>
  );
}
