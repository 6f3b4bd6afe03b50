import {
  type Cell,
  formatCount,
  formatPercent,
  type Report,
  type ReportChart,
  type ReportTable,
} from "./analyses.ts";

/** Escapes text for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

// Colour-blind-safe categorical palette (Okabe & Ito, "Color Universal Design", 2008).
const palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"];

const width = 720;
const height = 300;
const margin = { top: 16, right: 16, bottom: 64, left: 64 };

function tickValues(min: number, max: number): number[] {
  const span = max - min || 1;
  const rough = span / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => span / s <= 6) ?? 10 * power;
  const ticks: number[] = [];
  // From the step at or below the minimum to the step at or above the maximum: the axis frames the data.
  const last = Math.ceil(max / step - 1e-9) * step;
  for (let v = Math.floor(min / step + 1e-9) * step; v <= last + step * 1e-9; v += step) {
    ticks.push(Number(v.toPrecision(12)));
  }
  return ticks;
}

/**
 * An SVG chart drawn at generation time: bars (grouped), stacked bars (negative values below the
 * axis) or lines, with axes, gridlines, a legend and a `<title>` per mark for hover text. No script.
 */
export function chartSvg(chart: ReportChart): string {
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const n = chart.labels.length;
  let min = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (chart.kind === "stacked") {
      let up = 0;
      let down = 0;
      for (const s of chart.series) {
        const v = s.values[i] ?? 0;
        if (v >= 0) up += v;
        else down += v;
      }
      max = Math.max(max, up);
      min = Math.min(min, down);
    } else {
      for (const s of chart.series) {
        const v = s.values[i] ?? 0;
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
    }
  }
  if (max === min) max = min + 1;
  const ticks = tickValues(min, max);
  const top = Math.max(max, ticks[ticks.length - 1] ?? max);
  const bottom = Math.min(min, ticks[0] ?? min);
  const y = (v: number) => margin.top + plotH - ((v - bottom) / (top - bottom)) * plotH;
  const band = plotW / Math.max(n, 1);
  const x = (i: number) => margin.left + i * band;
  const label = (v: number) => (chart.percent ? formatPercent(v) : formatCount(v));
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="${t === 0 ? "#555" : "#ddd"}"/>`,
      `<text x="${margin.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(label(t))}</text>`,
    );
  }
  const every = Math.ceil(n / 24);
  chart.labels.forEach((name, i) => {
    if (i % every !== 0) return;
    const cx = x(i) + band / 2;
    parts.push(
      `<text x="${cx.toFixed(1)}" y="${height - margin.bottom + 14}" text-anchor="end" transform="rotate(-35 ${cx.toFixed(1)} ${height - margin.bottom + 14})">${escapeHtml(name.length > 18 ? `${name.slice(0, 17)}…` : name)}</text>`,
    );
  });
  if (chart.kind === "lines") {
    chart.series.forEach((s, k) => {
      const points = s.values.map((v, i) => `${(x(i) + band / 2).toFixed(1)},${y(v).toFixed(1)}`);
      parts.push(
        `<polyline fill="none" stroke="${palette[k % palette.length]}" stroke-width="2" points="${points.join(" ")}"/>`,
      );
      s.values.forEach((v, i) => {
        parts.push(
          `<circle cx="${(x(i) + band / 2).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3" fill="${palette[k % palette.length]}"><title>${escapeHtml(`${chart.labels[i]}: ${label(v)}`)}</title></circle>`,
        );
      });
    });
  } else {
    const inner = band * 0.8;
    for (let i = 0; i < n; i++) {
      let up = 0;
      let down = 0;
      chart.series.forEach((s, k) => {
        const v = s.values[i] ?? 0;
        let from: number;
        let to: number;
        let bx = x(i) + band * 0.1;
        let bw = inner;
        if (chart.kind === "stacked") {
          from = v >= 0 ? up : down;
          to = from + v;
          if (v >= 0) up = to;
          else down = to;
        } else {
          bw = inner / chart.series.length;
          bx += k * bw;
          from = 0;
          to = v;
        }
        const y0 = y(Math.max(from, to));
        const h = Math.abs(y(from) - y(to));
        parts.push(
          `<rect x="${bx.toFixed(1)}" y="${y0.toFixed(1)}" width="${Math.max(bw - 1, 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${palette[k % palette.length]}"><title>${escapeHtml(`${chart.labels[i]}, ${s.name}: ${label(v)}`)}</title></rect>`,
        );
      });
    }
  }
  const legend =
    chart.series.length > 1
      ? `<p class="legend">${chart.series.map((s, k) => `<span><i style="background:${palette[k % palette.length]}"></i>${escapeHtml(s.name)}</span>`).join(" ")}</p>`
      : "";
  return `<figure><figcaption>${escapeHtml(chart.title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(chart.title)}">${parts.join("")}</svg>${legend}</figure>`;
}

function cellHtml(table: ReportTable, column: number, cell: Cell): string {
  if (cell === null) return "<td></td>";
  if (typeof cell === "number") {
    if (table.percent?.includes(column)) {
      // Heat-map shading of ratios, so that a retention triangle reads at a glance.
      const alpha = Math.max(0, Math.min(1, cell)) * 0.6;
      return `<td class="n" style="background:rgba(0,114,178,${alpha.toFixed(2)})">${escapeHtml(formatPercent(cell))}</td>`;
    }
    return `<td class="n">${escapeHtml(formatCount(cell))}</td>`;
  }
  return `<td>${escapeHtml(cell)}</td>`;
}

function tableHtml(table: ReportTable): string {
  const numeric = table.columns.map((_, c) => table.rows.some((row) => typeof row[c] === "number"));
  const head = table.columns
    .map((name, c) => `<th scope="col"${numeric[c] ? ' class="n"' : ""}>${escapeHtml(name)}</th>`)
    .join("");
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, c) => cellHtml(table, c, cell)).join("")}</tr>`)
    .join("\n");
  return `<section><h2>${escapeHtml(table.title)}</h2><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div></section>`;
}

const css = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:#1b1b1b;background:#fff}
body{max-width:960px;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
.meta{color:#555;margin:0 0 1.5rem;font-size:.9rem}
dl.summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:.75rem;margin:0}
dl.summary div{border:1px solid #ddd;border-radius:6px;padding:.6rem .8rem}
dl.summary dt{font-size:.8rem;color:#555}dl.summary dd{margin:0;font-size:1.3rem;font-weight:600}
figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.25rem}
svg{width:100%;height:auto;font-size:11px;fill:#333}
.legend{display:flex;gap:1rem;font-size:.85rem;margin:.25rem 0 0}
.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:-.05em}
.scroll{overflow-x:auto}table{border-collapse:collapse;font-size:.85rem;min-width:100%}
th,td{border-bottom:1px solid #e5e5e5;padding:.3rem .5rem;text-align:left;white-space:nowrap}
th{background:#f6f6f6}.n{text-align:right;font-variant-numeric:tabular-nums}
footer{margin-top:2.5rem;color:#777;font-size:.8rem}
`;

/**
 * A report as one self-contained HTML file: inline CSS, SVG charts drawn at generation time, no
 * script and no external request, so that it opens offline and can be mailed or archived.
 */
export function reportHtml(report: Report, header: string, generatedBy: string): string {
  const summary = report.summary
    .map(
      ([label, value]) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`,
    )
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(report.title)}</title>
<style>${css}</style>
</head>
<body>
<main>
<h1>${escapeHtml(report.title)}</h1>
<p class="meta">${escapeHtml(header)}</p>
<dl class="summary">${summary}</dl>
${report.charts.map(chartSvg).join("\n")}
${report.tables.map(tableHtml).join("\n")}
</main>
<footer>${escapeHtml(generatedBy)}</footer>
</body>
</html>
`;
}
