// Accessible tabs (WAI-ARIA tabs pattern): arrow keys, Home/End, one tab in the Tab order.
import { h } from './dom.js';

let nextId = 0;

/** tabs: [{ id, label, render: () => Node }]; onChange(id) is told when the user switches. */
export function tabView(tabs, selectedId, onChange, label) {
  const prefix = `tabs${++nextId}`;
  const panel = h('div.tabpanel', { role: 'tabpanel', tabindex: '0' });
  const buttons = tabs.map((tab) => h('button.tab', {
    role: 'tab', id: `${prefix}-${tab.id}`, type: 'button', 'aria-controls': `${prefix}-panel`, dataset: { tab: tab.id },
    onclick: () => select(tab.id, true),
    onkeydown: (e) => {
      const i = tabs.findIndex((t) => t.id === tab.id);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      const next = tabs[(to + tabs.length) % tabs.length];
      select(next.id, true);
      buttons.find((b) => b.dataset.tab === next.id).focus();
    },
  }, tab.label));
  panel.id = `${prefix}-panel`;
  const rendered = new Map();

  function select(id, byUser) {
    const tab = tabs.find((t) => t.id === id) ?? tabs[0];
    for (const b of buttons) {
      const on = b.dataset.tab === tab.id;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `${prefix}-${tab.id}`);
    // Each panel is built once and kept, so a fit or a form survives switching tabs.
    if (!rendered.has(tab.id)) rendered.set(tab.id, tab.render());
    panel.replaceChildren(rendered.get(tab.id));
    if (byUser) onChange?.(tab.id);
  }

  select(selectedId, false);
  return h('div.tabs', h('div.tablist', { role: 'tablist', 'aria-label': label }, buttons), panel);
}
