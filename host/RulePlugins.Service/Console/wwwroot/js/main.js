// The console's entry module: the key form, the router (#/builder, #/segments, #/segments/{id}, #/orders,
// #/catalogue) and the notice shown until the API answers. Each page module renders into <main>.
import { api, apiKey, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { forgetCatalogue, renderCataloguePage } from './catalogue.js';
import { renderBuilderPage } from './builder.js';
import { renderSegmentsPage, renderSegmentPage } from './segments.js';
import { renderOrdersPage } from './orders.js';

const main = document.getElementById('main');
const keyInput = document.getElementById('api-key');
const keyStatus = document.getElementById('key-status');

let leavePage = null;

const routes = [
  [/^#\/builder(?:\/(.+))?$/, (m) => renderBuilderPage(main, m[1] ? decodeURIComponent(m[1]) : null)],
  [/^#\/segments\/(.+)$/, (m) => renderSegmentPage(main, decodeURIComponent(m[1]))],
  [/^#\/segments$/, () => renderSegmentsPage(main)],
  [/^#\/orders(?:\/(.+))?$/, (m) => renderOrdersPage(main, m[1] ? decodeURIComponent(m[1]) : null)],
  [/^#\/catalogue$/, () => renderCataloguePage(main)],
];

function markCurrent(route) {
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === route) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function canRead() {
  try {
    await api('/plugins');
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
}

async function route() {
  leavePage?.();
  leavePage = null;
  const hash = location.hash || '#/segments';
  markCurrent(hash.split('/')[1]);
  try {
    if (!(await canRead())) {
      replace(main, h('section', { class: 'notice', 'aria-labelledby': 'key-needed' },
        h('h2', { id: 'key-needed', text: 'An API key is needed' }),
        h('p', { text: 'This service needs its API key to read segments. Type it in the API key field above; it is kept in this tab only.' })));
      keyInput.focus();
      return;
    }

    for (const [pattern, render] of routes) {
      const match = hash.match(pattern);
      if (match) {
        main.replaceChildren(h('p', { class: 'notice', text: 'Loading…' }));
        leavePage = (await render(match)) ?? null;
        return;
      }
    }
    replace(main, h('h2', { text: 'No such page' }), h('p', {}, h('a', { href: '#/segments', text: 'Go to the segments' })));
  } catch (error) {
    replace(main, h('h2', { text: 'Something went wrong' }), h('p', { role: 'alert', text: error.message }));
  }
}

function showKeyState() {
  keyStatus.textContent = apiKey.get() ? 'Key in use for this tab.' : 'No key given.';
}

document.getElementById('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = keyInput.value.trim();
  if (value) apiKey.set(value);
  keyInput.value = '';
  forgetCatalogue();
  showKeyState();
  route();
});

document.getElementById('key-forget').addEventListener('click', () => {
  apiKey.clear();
  forgetCatalogue();
  showKeyState();
  route();
});

window.addEventListener('hashchange', route);
showKeyState();
route();
