// An object's page (/ZTF…): summary card, then tabs: light curve with cutouts, and the science views.
import { ApiError, post } from '../api.js';
import { receivedAlerts, splitByTag } from '../science/photometry.js';
import { h, mount } from '../ui/dom.js';
import { empty, failure, loading } from '../ui/status.js';
import { tabView } from '../ui/tabs.js';
import { alertDetails, cutoutsPanel } from './cutouts.js';
import { lightCurve } from './lightCurve.js';
import { microlensingView } from './microlensing.js';
import { observabilityView } from './observability.js';
import { solarSystemView } from './solarSystem.js';
import { ssoName, summaryCard } from './summary.js';
import { supernovaView } from './supernova.js';
import { variableStarView } from './variableStar.js';

export function objectPage(container, objectId, params, navigate) {
  const controller = new AbortController();
  document.title = `${objectId} — FinkTom Science Portal`;
  mount(container, loading(`Loading ${objectId}…`));
  post('objects', { objectId, withupperlim: true }, { signal: controller.signal })
    .then((rows) => render(rows))
    .catch((e) => {
      if (e.name !== 'AbortError') mount(container, failure(e instanceof ApiError ? e : new Error(String(e.message ?? e)), `${objectId} could not be loaded`));
    });
  return () => controller.abort();

  function render(rows) {
    if (!rows.length)
      return mount(container, empty(`${objectId} is not in this FinkTom store`,
        'FinkTom only knows the alerts it has ingested. Check the id, or ingest the object\'s alerts with `finktom ingest`.'));
    const alerts = receivedAlerts(rows);
    const tags = splitByTag(rows);
    const latest = alerts.at(-1) ?? rows[0];
    const data = { objectId, rows, alerts, tags, latest };

    let candid = latest['i:candid'];
    const selected = () => candid;
    const parts = [];
    const onSelect = (c) => { candid = c; parts.forEach((p) => p.redraw()); };
    const lc = lightCurve(data, { selected, onSelect });
    const cut = cutoutsPanel(objectId, alerts, { selected, onSelect });
    const details = alertDetails(alerts, selected);
    parts.push(lc, cut, details);

    const sso = alerts.map(ssoName).find(Boolean);
    const tabs = [
      { id: 'lightcurve', label: 'Light curve', render: () => h('div', lc.element, cut.element, details.element) },
      { id: 'supernova', label: 'Supernova', render: () => supernovaView(data) },
      { id: 'variable', label: 'Variable star', render: () => variableStarView(data) },
      { id: 'microlensing', label: 'Microlensing', render: () => microlensingView(data) },
      { id: 'observability', label: 'Observability', render: () => observabilityView(data) },
      sso && { id: 'sso', label: 'Solar System', render: () => solarSystemView(sso) },
    ].filter(Boolean);
    // Fink opens Solar System objects on their own tab.
    const initial = params.get('tab') ?? (sso ? 'sso' : 'lightcurve');
    const onTab = (id) => {
      const next = new URLSearchParams(params);
      if (id === 'lightcurve') next.delete('tab'); else next.set('tab', id);
      navigate(`/${objectId}${next.size ? `?${next}` : ''}`, { replace: true, silent: true });
    };
    mount(container, h('div.object-layout', summaryCard(objectId, data), h('div.object-main', tabView(tabs, initial, onTab, `Views of ${objectId}`))));
  }
}
