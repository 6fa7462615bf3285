export interface Bar {
  label: string;
  value: number;
  valueText: string;
}

/** Ranked horizontal bars (top influencers, categories). Labels are text nodes, never markup. */
export function BarChart({ bars, label, width = 340 }: { bars: Bar[]; label: string; width?: number }) {
  const rowH = 22;
  const gap = 6;
  const labelW = 104;
  const valueW = 56;
  const barMax = width - labelW - valueW - 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(rowH, bars.length * (rowH + gap) - gap);
  return (
    <svg className="zc-chart zc-bars" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%">
      {bars.map((b, i) => {
        const yy = i * (rowH + gap);
        const w = Math.max(3, (b.value / max) * barMax);
        return (
          <g key={b.label}>
            <text x={0} y={yy + rowH / 2} dominantBaseline="central" className="zc-chart-label">
              {b.label.length > 8 ? `${b.label.slice(0, 7)}…` : b.label}
            </text>
            <rect
              x={labelW}
              y={yy + 3}
              width={w}
              height={rowH - 6}
              rx={4}
              className={i === 0 ? 'zc-chart-bar' : 'zc-chart-bar-2'}
            />
            <text x={width} y={yy + rowH / 2} dominantBaseline="central" textAnchor="end" className="zc-chart-value">
              {b.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
