/**
 * Progress over the periods kept, as a small line chart drawn in SVG (no
 * charting library: the pane's first load stays small), with its table a
 * keystroke away ("Show as table"). Colour is never alone: each status has
 * its own dash pattern and marker, shown in the legend, and every point
 * carries its count as text; the image's name states every figure.
 */
import { useId, useState } from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { SummaryTrend } from "../../shared/host";

const useStyles = makeStyles({
  figure: {
    margin: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  caption: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
  },
  svg: {
    width: "100%",
    height: "auto",
    display: "block",
  },
  legend: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
    fontSize: tokens.fontSizeBase200,
  },
  key: {
    display: "inline-flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalXS,
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    fontSize: tokens.fontSizeBase200,
    "& th, & td": {
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      paddingTop: tokens.spacingVerticalXXS,
      paddingBottom: tokens.spacingVerticalXXS,
      paddingRight: tokens.spacingHorizontalXS,
    },
    "& td": { textAlign: "right", fontVariantNumeric: "tabular-nums" },
    "& thead th": { textAlign: "right", fontWeight: tokens.fontWeightSemibold },
    "& thead th:first-child, & tbody th": { textAlign: "left", fontWeight: tokens.fontWeightRegular },
  },
  tableCaption: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    paddingBottom: tokens.spacingVerticalXXS,
  },
});

/** The summary's patterns as SVG dash arrays. */
const DASH: Record<string, string | undefined> = {
  solid: undefined,
  dash: "6 3",
  "round-dot": "1 3",
  "dash-dot": "6 2 1 2",
  "dash-dot-dot": "6 2 1 2 1 2",
  dot: "2 2",
};

/** A marker of the summary's kinds, centred on (x, y). */
function Marker({ kind, x, y, colour }: { kind: string; x: number; y: number; colour: string }) {
  const r = 3.5;
  switch (kind) {
    case "square":
      return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={colour} />;
    case "triangle":
      return <path d={`M${x},${y - r - 0.5}L${x + r + 0.5},${y + r}L${x - r - 0.5},${y + r}Z`} fill={colour} />;
    case "diamond":
      return <path d={`M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}Z`} fill={colour} />;
    case "x":
      return <path d={`M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`} stroke={colour} strokeWidth={2} />;
    case "star":
      return <path d={`M${x},${y - r - 1}L${x + 1.2},${y - 1.2}L${x + r + 1},${y}L${x + 1.2},${y + 1.2}L${x},${y + r + 1}L${x - 1.2},${y + 1.2}L${x - r - 1},${y}L${x - 1.2},${y - 1.2}Z`} fill={colour} />;
    case "none":
      return null;
    default:
      return <circle cx={x} cy={y} r={r} fill={colour} />;
  }
}

/** "33 Completed, 64 In progress": one period's figures. */
function figures(trend: SummaryTrend, i: number): string {
  return trend.series.map((s) => `${s.counts[i]} ${s.name}`).join(", ");
}

/** Every figure in words: the image's name. */
export function trendAlt(trend: SummaryTrend): string {
  const first = trend.periods[0];
  const last = trend.periods[trend.periods.length - 1];
  return `Line chart of the actions in each period, ${first} to ${last}. ${trend.periods.map((p, i) => `${p}: ${figures(trend, i)}.`).join(" ")}`;
}

/** A step for the count axis giving at most 4 lines: 1, 2, 5, 10, 20, 50, … */
function step(max: number): number {
  for (let unit = 1; ; unit *= 10) for (const m of [1, 2, 5]) if (max / (m * unit) <= 4) return m * unit;
}

const W = 320;
const H = 170;
const LEFT = 30;
/** The first period's points stand this far right of the count axis, clear of its figures. */
const INSET = 12;
const RIGHT = 34;
const TOP = 10;
const BOTTOM = 28;
/** The least vertical room between two counts' labels at one period. */
const LABEL_GAP = 11;

/** Where each point's count goes: beside its marker, moved apart from the others at the same period so that none overlap. */
function labelYs(ys: number[]): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = new Array<number>(ys.length);
  let last = -Infinity;
  for (const { y, i } of order) {
    const at = Math.max(y + 4, last + LABEL_GAP);
    out[i] = at;
    last = at;
  }
  // Pushed below the chart: move the whole column up as far as needed.
  const over = Math.max(...out) - (H - BOTTOM + 4);
  return over > 0 ? out.map((y) => y - over) : out;
}

export interface TrendChartProps {
  trend: SummaryTrend;
}

export function TrendChart({ trend }: TrendChartProps) {
  const styles = useStyles();
  const [table, setTable] = useState(false);
  const captionId = useId();
  const tableId = useId();
  const n = trend.periods.length;
  const max = Math.max(1, ...trend.series.flatMap((s) => s.counts));
  const unit = step(max);
  const top = Math.ceil(max / unit) * unit;
  const x = (i: number) => (n === 1 ? (LEFT + W - RIGHT) / 2 : LEFT + INSET + ((W - LEFT - INSET - RIGHT) * i) / (n - 1));
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - v / top);
  const ticks = Array.from({ length: Math.round(top / unit) + 1 }, (_, i) => i * unit);
  const labels = trend.periods.map((_, i) => labelYs(trend.series.map((s) => y(s.counts[i]))));
  // Each period's label is as long as its share of the width allows (the table has them whole).
  const room = Math.max(4, Math.floor((W - LEFT - INSET - RIGHT) / Math.max(1, n - 1) / 5.6));
  const short = (p: string) => (p.length <= room ? p : `${p.slice(0, room - 1)}…`);
  const alt = trendAlt(trend);
  return (
    <figure className={styles.figure} aria-labelledby={captionId}>
      <figcaption id={captionId} className={styles.caption}>
        {trend.title}
      </figcaption>
      <svg className={styles.svg} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={alt}>
        <title>{alt}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={W - RIGHT + 8} y1={y(t)} y2={y(t)} stroke="#D0D0D0" strokeWidth={t === 0 ? 1.2 : 0.6} />
            <text x={LEFT - 4} y={y(t) + 3.5} textAnchor="end" fontSize={10} fill="#404040">
              {t}
            </text>
          </g>
        ))}
        {trend.periods.map((p, i) => (
          <text key={p} x={x(i)} y={H - BOTTOM + 18} textAnchor={n > 1 && i === 0 ? "start" : n > 1 && i === n - 1 ? "end" : "middle"} fontSize={10} fill="#1A1A1A">
            {short(p)}
          </text>
        ))}
        {trend.series.map((s) => (
          <g key={s.name}>
            <polyline points={s.counts.map((v, i) => `${x(i)},${y(v)}`).join(" ")} fill="none" stroke={s.colour} strokeWidth={2} strokeDasharray={DASH[s.dash]} />
            {s.counts.map((v, i) => (
              <Marker key={i} kind={s.marker} x={x(i)} y={y(v)} colour={s.colour} />
            ))}
          </g>
        ))}
        {trend.series.map((s, j) =>
          s.counts.map((v, i) => (
            <text key={`${s.name}-${i}`} x={x(i) + 6} y={labels[i][j]} fontSize={10} fontWeight={600} fill="#1A1A1A">
              {v}
            </text>
          )),
        )}
      </svg>
      <ul className={styles.legend} aria-label="Key">
        {trend.series.map((s) => (
          <li key={s.name} className={styles.key}>
            <svg width={26} height={10} aria-hidden="true" focusable="false">
              <line x1={1} x2={25} y1={5} y2={5} stroke={s.colour} strokeWidth={2} strokeDasharray={DASH[s.dash]} />
              <Marker kind={s.marker} x={13} y={5} colour={s.colour} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
      <div>
        <Button aria-expanded={table} aria-controls={tableId} onClick={() => setTable(!table)}>
          {table ? "Hide the table" : "Show as table"}
        </Button>
      </div>
      <div id={tableId} hidden={!table}>
        {table && (
          <table className={styles.table}>
            <caption className={styles.tableCaption}>{trend.title}</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                {trend.series.map((s) => (
                  <th key={s.name} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {trend.periods.map((p, i) => (
                <tr key={p}>
                  <th scope="row">{p}</th>
                  {trend.series.map((s) => (
                    <td key={s.name}>{s.counts[i]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </figure>
  );
}
