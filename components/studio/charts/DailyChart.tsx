export interface DailySeries {
  key: string;
  label: string;
  /** A CSS colour (custom property welcome). */
  color: string;
  values: readonly number[];
}

/**
 * Grouped daily bars in plain SVG (no chart library: a few dozen rects). Each series is scaled to its own maximum
 * so purchases stay visible next to exposures; the exact numbers are in the table and the CSV, and in each bar's
 * tooltip.
 */
export function DailyChart(props: { days: readonly string[]; series: readonly DailySeries[]; label: string }) {
  const { days, series } = props;
  const width = 640;
  const height = 160;
  const pad = { top: 8, bottom: 22, left: 4, right: 4 };
  const n = Math.max(days.length, 1);
  const slot = (width - pad.left - pad.right) / n;
  const barW = Math.max(1, Math.min(14, (slot - 4) / Math.max(series.length, 1)));
  const plotH = height - pad.top - pad.bottom;
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  return (
    <figure className="st-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} preserveAspectRatio="none">
        <line
          x1={pad.left}
          x2={width - pad.right}
          y1={height - pad.bottom}
          y2={height - pad.bottom}
          stroke="currentColor"
          strokeOpacity={0.3}
        />
        {series.map((s, si) => {
          const max = Math.max(1, ...s.values);
          return s.values.map((v, di) => {
            const h = (v / max) * plotH;
            const x = pad.left + di * slot + (slot - barW * series.length) / 2 + si * barW;
            return (
              <rect
                key={`${s.key}-${days[di]}`}
                x={x}
                y={height - pad.bottom - h}
                width={barW - 1}
                height={h}
                fill={s.color}
              >
                <title>{`${days[di]} ${s.label}: ${v}`}</title>
              </rect>
            );
          });
        })}
        {days.map((d, i) =>
          i % labelEvery === 0 ? (
            <text
              key={d}
              x={pad.left + i * slot + slot / 2}
              y={height - 6}
              textAnchor="middle"
              fontSize={10}
              fill="currentColor"
            >
              {d.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="st-legend">
        {series.map((s) => (
          <span key={s.key}>
            <i style={{ background: s.color }} aria-hidden="true" />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
