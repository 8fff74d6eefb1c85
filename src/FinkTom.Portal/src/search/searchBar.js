// The search bar: one input (ARIA combobox) with class completion and recent searches, and a help panel of examples.
import { classNames } from '../api.js';
import { h, mount } from '../ui/dom.js';
import { PORTAL_CLASSES, suggestClasses } from './parse.js';

const HISTORY_KEY = 'finktom.portal.history';
const HISTORY_SIZE = 10;

export const EXAMPLES = [
  ['ZTF18aaadweo', 'an object: its page, light curve and cutouts'],
  ['302.4668 -18.4718 10', 'a cone: RA Dec (degrees) and a radius in arcsec'],
  ['06 25 16.4 +73 34 41 2m', 'a cone in sexagesimal, radius in arcmin (also 12:55:17.2 +02:53:50 or 12h55m17s +2d53m50s)'],
  ['ZTF18aaadweo r=5m', 'a cone around an object'],
  ['class="SN candidate" last=20', 'the latest alerts of a class (completion after class=)'],
  ['class="SN candidate" after=2026-01-01 trend=fading', 'a class with a start date and a trend'],
  ['class=Unknown last=50', 'what Fink could not classify (class=Anomaly: the most anomalous alerts)'],
  ['2021-11-22 02:30 window=30', 'a date: alerts within 30 minutes (at most 180) after it'],
  ['6281', 'a Solar System object by number, or by designation (2010JO69)'],
];

export function recentSearches() {
  try { return JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]').filter((s) => typeof s === 'string'); } catch { return []; }
}

export function rememberSearch(text) {
  const list = [text, ...recentSearches().filter((s) => s !== text)].slice(0, HISTORY_SIZE);
  try { localStorage.setItem(HISTORY_KEY, JSON.stringify(list)); } catch { /* private mode: no history */ }
}

/** The search form; onSearch(text) is called on submit. */
export function searchBar({ initial = '', onSearch }) {
  let classes = [];
  let options = [];
  let active = -1;
  classNames().then((list) => { classes = [...list, ...PORTAL_CLASSES.filter((c) => !list.includes(c))]; }).catch(() => { /* completion is optional; the search still reports errors */ });

  const listbox = h('ul.suggestions', { id: 'search-suggestions', role: 'listbox', 'aria-label': 'Suggestions', hidden: true });
  const input = h('input#search', {
    type: 'search', name: 'q', value: initial, autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'search-suggestions',
    'aria-describedby': 'search-hint',
    placeholder: 'Object id, RA Dec [radius], class=…, a date, an asteroid number',
    oninput: () => update(), onfocus: () => update(), onblur: () => setTimeout(close, 150), onkeydown,
  });
  const form = h('form.searchbar', { role: 'search', onsubmit: (e) => { e.preventDefault(); submit(); } },
    h('label.visually-hidden', { for: 'search' }, 'Search alerts'),
    h('div.combo', input, listbox),
    h('button.primary', { type: 'submit' }, 'Search'));

  function submit() {
    close();
    const text = input.value.trim();
    if (text) rememberSearch(text);
    onSearch(text);
  }

  /** Suggestions for what is being typed: class names after `class=`, a class for a bare word, recent searches when empty. */
  function suggestionsFor(text) {
    const m = /(?:^|\s)class\s*[=:]\s*["']?([^"'=]*)$/i.exec(text);
    if (m) return suggestClasses(m[1], classes).map((c) => ({ label: c, value: text.slice(0, text.length - m[1].length).replace(/["']$/, '') + `"${c}" ` }));
    if (!text.trim()) return recentSearches().map((r) => ({ label: r, value: r, recent: true }));
    if (/^[a-z*(][\w*() -]{1,}$/i.test(text) && !/^ztf\d/i.test(text) && !/=/.test(text))
      return suggestClasses(text, classes, 8).map((c) => ({ label: c, value: `class="${c}" ` }));
    return [];
  }

  function update() {
    options = suggestionsFor(input.value);
    active = -1;
    if (!options.length || document.activeElement !== input) return close();
    mount(listbox, options.map((o, i) => h('li', {
      id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false', class: o.recent ? 'recent' : undefined,
      onmousedown: (e) => { e.preventDefault(); choose(i); },
    }, o.recent ? h('span.hint', 'recent ') : null, o.label)));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function highlight(i) {
    active = i;
    [...listbox.children].forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `suggestion-${i}`);
      listbox.children[i].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function choose(i) {
    const o = options[i];
    input.value = o.value;
    input.focus();
    if (o.recent) submit();
    else update();
  }

  function onkeydown(e) {
    const open = !listbox.hidden;
    if (e.key === 'ArrowDown') { e.preventDefault(); if (!open) update(); else highlight(Math.min(active + 1, options.length - 1)); }
    else if (e.key === 'ArrowUp' && open) { e.preventDefault(); highlight(Math.max(active - 1, -1)); }
    else if (e.key === 'Escape' && open) { e.preventDefault(); close(); }
    else if ((e.key === 'Enter' || e.key === 'Tab') && open && active >= 0) { e.preventDefault(); choose(active); }
  }

  return { form, input, setValue: (text) => { input.value = text; } };
}

/** The syntax help with clickable examples. */
export function searchHelp() {
  return h('details.help', h('summary', 'What can I type?'),
    h('p#search-hint', 'One search bar for every search. Examples (click one to run it):'),
    h('dl', EXAMPLES.map(([q, what]) => [h('dt', h('a', { href: `/?q=${encodeURIComponent(q)}`, 'data-link': '' }, h('code', q))), h('dd', what)])),
    h('p', 'Keywords: ', h('code', 'class'), ', ', h('code', 'last'), ' (rows), ', h('code', 'r'), ' (radius: 10, 30s, 2m, 0.5d), ',
      h('code', 'after'), ', ', h('code', 'before'), ' (ISO date, JD or MJD), ', h('code', 'window'),
      ' (days for cones and classes, minutes for a date search), ', h('code', 'trend'), ' (rising, fading), ', h('code', 'sso'), '. ',
      'FinkTom works offline, so it does not resolve names such as M31 or Vesta: use coordinates or the asteroid number.'));
}
