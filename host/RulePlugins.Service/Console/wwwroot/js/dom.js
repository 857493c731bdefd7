// Building the page from data: elements are created and filled through textContent and attributes, never from HTML
// strings, so no value from the API or the user can become markup.

/**
 * Creates an element. `attrs` sets attributes; `class` and `text` are shortcuts; a function under a name starting
 * with "on" becomes an event listener; null, undefined and false attributes are left out. Children may be elements,
 * strings (text nodes), arrays, or null (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else if (name === 'checked' || name === 'selected' || name === 'disabled') element[name] = Boolean(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (elements, strings, arrays, nulls skipped). */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's content. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A number with thousands separators. */
export function formatNumber(value) {
  return value === null || value === undefined ? '–' : Number(value).toLocaleString('en-US');
}

/** An instant as "2026-12-01 17:29 UTC". */
export function formatInstant(value) {
  if (!value) return '–';
  const date = new Date(value);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Calls `action` once input has been quiet for `ms` milliseconds. */
export function debounce(action, ms) {
  let timer = null;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), ms);
  };
  run.cancel = () => clearTimeout(timer);
  return run;
}

let nextId = 0;

/** A page-unique element id with a readable prefix. */
export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A status line that screen readers announce. */
export function statusLine(text = '', kind = 'info') {
  return h('p', { class: `status status-${kind}`, role: kind === 'error' ? 'alert' : 'status', text });
}
