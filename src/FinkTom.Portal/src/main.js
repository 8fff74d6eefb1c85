// The Science Portal: a single page on top of FinkTom's REST API. URLs are shareable: /?q=<search>[&view=map] for a
// search, /<objectId>[?tab=…] for an object, /gw for a gravitational-wave sky map; the server answers index.html for all.
import './styles.css';
import { gwPage } from './gw/gwPage.js';
import { objectPage } from './object/objectPage.js';
import { rubinObjectPage } from './lsst/rubinObjectPage.js';
import { aboutPage } from './pages/aboutPage.js';
import { downloadPage } from './pages/downloadPage.js';
import { statsPage } from './pages/statsPage.js';
import { resultsPage } from './results/resultsPage.js';
import { OBJECT_ID, normaliseObjectId } from './search/parse.js';
import { searchBar, searchHelp } from './search/searchBar.js';
import { h, mount } from './ui/dom.js';
import { empty } from './ui/status.js';

const main = document.getElementById('main');
const PAGES = { about: aboutPage, stats: statsPage, download: downloadPage };
const RUBIN_OBJECT = /^lsst\/\d{1,19}$/;
let abortCurrent = null;

const bar = searchBar({
  onSearch: (text, survey) => navigate(OBJECT_ID.test(text) ? `/${normaliseObjectId(text)}`
    : `/?q=${encodeURIComponent(text)}${survey === 'lsst' ? '&survey=lsst' : ''}`),
});
mount(document.getElementById('search-area'), bar.form, searchHelp());

/** Changes the URL and shows its page. `silent` only records the URL (a tab switch). */
function navigate(url, { replace = false, silent = false } = {}) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  if (!silent) route();
}

function route() {
  abortCurrent?.();
  abortCurrent = null;
  const { pathname, searchParams } = new URL(location.href);
  const path = decodeURIComponent(pathname.slice(1));
  if (path === '' && searchParams.has('q')) {
    bar.setValue(searchParams.get('q'), searchParams.get('survey'));
    abortCurrent = resultsPage(main, searchParams, navigate);
  } else if (path === '') {
    bar.setValue('');
    document.title = 'FinkTom Science Portal';
    mount(main, home());
  } else if (path === 'gw') {
    bar.setValue('');
    abortCurrent = gwPage(main);
  } else if (RUBIN_OBJECT.test(path)) {
    const id = path.slice('lsst/'.length);
    bar.setValue(id, 'lsst');
    abortCurrent = rubinObjectPage(main, id);
  } else if (PAGES[path]) {
    bar.setValue('');
    abortCurrent = PAGES[path](main, searchParams, navigate);
  } else if (OBJECT_ID.test(path)) {
    const id = normaliseObjectId(path);
    if (id !== path) return navigate(`/${id}${location.search}`, { replace: true });
    bar.setValue(id);
    abortCurrent = objectPage(main, id, searchParams, navigate);
  } else {
    document.title = 'Not found — FinkTom Science Portal';
    mount(main, empty(`No page at /${path}`, 'Object pages are at /ZTF followed by 9 characters, e.g. /ZTF18aaadweo; searches start from the search bar.'));
  }
  // Move focus to the new page's heading for keyboard and screen-reader users (not on first load).
  requestAnimationFrame(() => main.querySelector('h2[tabindex="-1"]')?.focus({ preventScroll: true }));
}

function home() {
  return h('section.home',
    h('h2', { tabindex: '-1' }, 'Search the alerts of this broker'),
    h('p', 'Type in the search bar above: an object id opens its page (light curve, cutouts, science views); coordinates, a class, a date or a Solar System object list the matching objects as a table or on an all-sky map.'),
    h('p', 'Following a gravitational-wave event? ', h('a', { href: '/gw', 'data-link': '' }, 'Upload its sky map'), ' to list the objects first detected inside its credible region.'),
    h('p', 'Everything here comes from this server\'s own REST API (', h('a', { href: '/openapi/v1.json' }, 'OpenAPI document'), '); each page has a link you can share.'));
}

// Same-origin links marked data-link stay in the page; the API and downloads are real navigations.
document.addEventListener('click', (e) => {
  const a = e.target.closest?.('a[data-link]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const href = a.getAttribute('href') ?? a.getAttribute('xlink:href');
  navigate(href);
});
window.addEventListener('popstate', route);
route();
