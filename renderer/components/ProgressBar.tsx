interface Props {
  done: number;
  /** undefined: the total is unknown and the bar is indeterminate (never a fake percentage) */
  total: number | undefined;
  label: string;
}

export function ProgressBar({ done, total, label }: Props) {
  const known = total !== undefined && total > 0;
  const fraction = known ? Math.min(1, Math.max(0, done / total)) : 0;
  return (
    <div
      className={known ? 'progress' : 'progress indeterminate'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? 100 : undefined}
      aria-valuenow={known ? Math.round(fraction * 100) : undefined}
      data-testid="progress-bar"
    >
      {/* transform, not width: no layout on each tick */}
      <div className="fill" style={known ? { transform: `scaleX(${fraction})` } : undefined} />
    </div>
  );
}
