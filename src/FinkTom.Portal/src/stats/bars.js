// Horizontal bars in HTML (a labelled list, widths in %): readable on a phone, no axis to fit, values as text.
import { h } from '../ui/dom.js';

/** items: [{ name, total, colour }] → one row per item, the bar's length proportional to its total. */
export function barList(items, { label, unit = '' }) {
  const max = Math.max(1, ...items.map((i) => i.total));
  return h('ul.bar-list', { 'aria-label': label },
    items.map((item) => h('li', { dataset: { name: item.name, total: String(item.total) } },
      h('span.bar-name', item.name),
      h('span.bar-track', { 'aria-hidden': 'true' },
        h('span.bar', { style: `width:${((100 * item.total) / max).toFixed(2)}%;--c:${item.colour ?? '#2563eb'}` })),
      h('span.bar-value', `${item.total.toLocaleString('en-US')}${unit}`))));
}
