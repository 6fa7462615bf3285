export interface FunnelChartStep {
  label: string;
  count: number;
  /** Already formatted conversion from the previous stage ("12%"), or null. */
  rate: string | null;
  countText: string;
}

/**
 * Horizontal funnel: one bar per stage, widths on a square-root scale so 10 purchases stay visible next to 10 000
 * exposures (a linear scale would draw them as nothing).
 */
export function FunnelChart({
  steps,
  label,
  width = 340,
}: {
  steps: FunnelChartStep[];
  label: string;
  width?: number;
}) {
  const rowH = 26;
  const gap = 6;
  const labelW = 44;
  const valueW = 92;
  const barMax = width - labelW - valueW;
  const top = Math.max(1, ...steps.map((s) => s.count));
  const height = steps.length * (rowH + gap) - gap;
  return (
    <svg className="zc-chart zc-funnel" role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%">
      {steps.map((s, i) => {
        const w = s.count > 0 ? Math.max(4, Math.sqrt(s.count / top) * barMax) : 0;
        const yy = i * (rowH + gap);
        const x = labelW + (barMax - w) / 2;
        return (
          <g key={s.label}>
            <text x={0} y={yy + rowH / 2} dominantBaseline="central" className="zc-chart-label">
              {s.label}
            </text>
            <rect x={labelW} y={yy} width={barMax} height={rowH} rx={6} className="zc-chart-track" />
            {w > 0 && <rect x={x} y={yy} width={w} height={rowH} rx={6} className={`zc-chart-stage zc-stage-${i}`} />}
            <text x={width} y={yy + rowH / 2} dominantBaseline="central" textAnchor="end" className="zc-chart-value">
              {s.countText}
              {s.rate !== null && <tspan className="zc-chart-rate"> ↓{s.rate}</tspan>}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
