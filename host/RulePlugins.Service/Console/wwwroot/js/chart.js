// The size-over-time chart: members after each run as an SVG line, with entered and left in the accessible table
// beside it (the chart is an image to screen readers; the table carries the numbers).
import { formatInstant, formatNumber, h } from './dom.js';

const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child);
  return element;
}

/** The chart and table of a segment's history (GET /segments/{id}/history). */
export function sizeChart(history) {
  const runs = history.runs;
  if (runs.length === 0) return h('p', { text: 'No successful run yet.' });
  const width = 640;
  const height = 200;
  const pad = { left: 56, right: 12, top: 12, bottom: 28 };
  const max = Math.max(1, ...runs.map((r) => r.members));
  const x = (i) => pad.left + (runs.length === 1 ? (width - pad.left - pad.right) / 2 : (i * (width - pad.left - pad.right)) / (runs.length - 1));
  const y = (v) => height - pad.bottom - (v * (height - pad.top - pad.bottom)) / max;
  const points = runs.map((r, i) => `${x(i).toFixed(1)},${y(r.members).toFixed(1)}`).join(' ');
  const first = runs[0];
  const last = runs[runs.length - 1];
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `Members over ${runs.length} runs: from ${formatNumber(first.members)} to ${formatNumber(last.members)}, at most ${formatNumber(max)}`,
  },
  svg('line', { x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom, class: 'axis' }),
  svg('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom, class: 'axis' }),
  svg('text', { x: pad.left - 6, y: pad.top + 4, 'text-anchor': 'end', class: 'label' }, formatNumber(max)),
  svg('text', { x: pad.left - 6, y: height - pad.bottom, 'text-anchor': 'end', class: 'label' }, '0'),
  svg('text', { x: pad.left, y: height - 8, class: 'label' }, formatInstant(first.at)),
  svg('text', { x: width - pad.right, y: height - 8, 'text-anchor': 'end', class: 'label' }, formatInstant(last.at)),
  svg('polyline', { points, class: 'series' }),
  ...runs.map((r, i) => svg('circle', { cx: x(i), cy: y(r.members), r: 3, class: 'point' }, svg('title', {}, `${formatInstant(r.at)}: ${formatNumber(r.members)} members`))));
  return h('div', { class: 'chart-wrap' }, chart,
    h('details', {}, h('summary', { text: 'The numbers' }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data compact' },
        h('thead', {}, h('tr', {}, ['Run', 'At', 'Members', 'Entered', 'Left'].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, runs.map((r) => h('tr', {},
          h('td', { text: String(r.runId) }), h('td', { text: formatInstant(r.at) }), h('td', { text: formatNumber(r.members) }),
          h('td', { text: `+${formatNumber(r.entered)}` }), h('td', { text: `−${formatNumber(r.left)}` }))))))));
}
