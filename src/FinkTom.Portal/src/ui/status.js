// Loading, empty and error blocks: the same look and wording rules everywhere.
import { h } from './dom.js';

export const loading = (text = 'Loading…') =>
  h('div.status.loading', { role: 'status', 'aria-live': 'polite' }, h('span.spinner', { 'aria-hidden': 'true' }), text);

export const empty = (title, detail) =>
  h('div.status.empty', { role: 'status' }, h('strong', title), detail ? h('p', detail) : null);

/** An error from the API (ApiError: status, text, parameter) or a message of ours. */
export function failure(error, title = 'The search failed') {
  const param = error?.parameter ? h('p.param', 'Parameter: ', h('code', error.parameter)) : null;
  return h('div.status.error', { role: 'alert' }, h('strong', title), h('p', error?.message ?? String(error)), param);
}
