// /download: the ways to take data out of FinkTom, each with a link that works on this server.
import { h, mount } from '../ui/dom.js';

export function downloadPage(container) {
  document.title = 'Download — FinkTom Science Portal';
  const example = (href, text) => h('li', h('a', { href }, h('code', text)));
  mount(container, h('section.page.download',
    h('h2', { tabindex: '-1' }, 'Download data'),
    h('p', 'Every search result page has download links in every format. For more, use the services directly:'),
    h('h3', 'REST API (Fink\'s contract)'),
    h('p', 'Any endpoint answers JSON, CSV, VOTable or Parquet with output-format=…, e.g.:'),
    h('ul',
      example('/api/v1/latests?class=SN%20candidate&n=100&output-format=csv', '/api/v1/latests?class=SN candidate&n=100&output-format=csv'),
      example('/api/v1/objects?objectId=ZTF18aaadweo&output-format=votable', '/api/v1/objects?objectId=ZTF18aaadweo&output-format=votable'),
      example('/lsst/api/v1/sources?diaObjectId=313893023095193658&output-format=parquet', '/lsst/api/v1/sources?diaObjectId=…&output-format=parquet')),
    h('h3', 'OData feed'),
    h('p', 'Excel (Data → Get Data → From OData Feed), Power BI and any OData v4 client page through whole tables:'),
    h('ul', example('/odata/', '/odata/'), example('/odata/Alerts?$top=10', '/odata/Alerts?$top=10')),
    h('h3', 'Livestreams'),
    h('p', 'New alerts matching a filter, as they arrive: Kafka topics in Fink\'s encoding (fink-client works unchanged) or Server-Sent Events over HTTP:'),
    h('ul', example('/livestream/filters', '/livestream/filters'), example('/livestream/filters/sn_candidates/stream', '/livestream/filters/sn_candidates/stream'))));
  return null;
}
