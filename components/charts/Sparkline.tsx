/**
 * A small column-and-line trend. Colours come from CSS custom properties (`--zc-chart`, `--zc-chart-soft`), so
 * light and dark themes need nothing here. The picture is `role="img"` with the summary a screen reader needs.
 */
export interface SparklineProps {
  values: number[];
  label: string;
  width?: number;
  height?: number;
  /** Draw columns (amounts per day) instead of a line (counts over time). */
  columns?: boolean;
}

export function Sparkline({ values, label, width = 160, height = 40, columns = false }: SparklineProps) {
  const max = Math.max(1, ...values);
  const n = Math.max(values.length, 1);
  const pad = 2;
  const h = height - pad * 2;
  const step = n > 1 ? (width - pad * 2) / (n - 1) : 0;
  const y = (v: number) => pad + h - (v / max) * h;
  if (columns) {
    const slot = width / n;
    const bw = Math.max(1, slot * 0.66);
    return (
      <svg
        className="zc-chart"
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
      >
        <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} className="zc-chart-axis" />
        {values.map((v, i) => {
          const top = v > 0 ? Math.min(y(v), height - pad - 2) : height - 1;
          return (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: one column per day; the index is the day
              key={i}
              x={i * slot + (slot - bw) / 2}
              y={top}
              width={bw}
              height={height - top}
              rx={Math.min(2, bw / 2)}
              className={v > 0 ? 'zc-chart-bar' : 'zc-chart-bar-empty'}
            />
          );
        })}
      </svg>
    );
  }
  const pts = values.map((v, i) => `${(pad + i * step).toFixed(1)},${y(v).toFixed(1)}`);
  const area = `M${pad},${height - pad} L${pts.join(' L')} L${(pad + (n - 1) * step).toFixed(1)},${height - pad} Z`;
  return (
    <svg
      className="zc-chart"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <path d={area} className="zc-chart-area" />
      <polyline points={pts.join(' ')} className="zc-chart-line" fill="none" />
      {values.length > 0 && (
        <circle cx={pad + (n - 1) * step} cy={y(values[values.length - 1] ?? 0)} r={2.5} className="zc-chart-dot" />
      )}
    </svg>
  );
}
