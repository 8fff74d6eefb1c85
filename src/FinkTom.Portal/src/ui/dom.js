// A tiny DOM builder: h('div#id.card', { onclick }, child, 'text'). Text is always set as text, never parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'g', 'path', 'circle', 'line', 'polyline', 'polygon', 'rect', 'text', 'title', 'a', 'clipPath', 'defs', 'ellipse']);

export function h(spec, attrs, ...children) {
  return build(spec, attrs, children, false);
}

/** The same for SVG elements (namespaced). */
export function s(spec, attrs, ...children) {
  return build(spec, attrs, children, true);
}

function build(spec, attrs, children, svg) {
  if (attrs === null || typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs)) {
    children.unshift(attrs);
    attrs = {};
  }
  const [head, ...classes] = spec.split('.');
  const [tag, id] = head.split('#');
  const el = svg && SVG_TAGS.has(tag) ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  if (id) el.id = id;
  if (classes.length) el.setAttribute('class', classes.join(' '));
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.setAttribute('class', [el.getAttribute('class'), value].filter(Boolean).join(' '));
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value' && !svg) el.value = value;
    else if (key === 'checked' && !svg) el.checked = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
