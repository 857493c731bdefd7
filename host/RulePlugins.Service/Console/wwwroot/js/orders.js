// The order-segment tester: an order as JSON, evaluated by an order segment (the promotion path), with the tree of
// which conditions held.
import { api, seg, withQuery } from './api.js';
import { h, replace, statusLine } from './dom.js';
import { orderExplanation } from './explain.js';

const exampleOrder = {
  currency: 'RUB', channel: 'website', contact_point: 'cart',
  items: [{ product_id: 'P-1', quantity: 2, price: 450 }, { product_id: 'P-2', quantity: 1, price: 1200 }],
};

export async function renderOrdersPage(main, chosen) {
  const segments = await api('/order-segments');
  const select = h('select', { id: 'order-segment' }, segments.map((s) => h('option', { value: s.id, text: `${s.name} (${s.id})`, selected: s.id === chosen })));
  const order = h('textarea', { id: 'order-json', rows: '14', spellcheck: 'false', 'aria-describedby': 'order-help' });
  order.value = JSON.stringify(exampleOrder, null, 2);
  const result = h('div', { class: 'order-result', 'aria-live': 'polite' });

  async function evaluate(event) {
    event.preventDefault();
    replace(result, statusLine('Evaluating…'));
    try {
      const answer = await api(withQuery(`/order-segments/${seg(select.value)}/evaluate`, { explain: 'true' }), { method: 'POST', body: order.value });
      replace(result, orderExplanation(answer));
    } catch (error) {
      replace(result, statusLine(`${error.message}${error.errors?.length ? ` ${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` : ''}`, 'error'));
    }
  }

  main.replaceChildren(
    h('h2', { text: 'Order tester' }),
    segments.length === 0
      ? h('p', { text: 'No order segment is saved yet. Build one in the builder with "Selects: orders".' })
      : h('form', { class: 'order-form', onsubmit: evaluate },
        h('div', { class: 'param' }, h('label', { for: 'order-segment', text: 'Order segment' }), select),
        h('div', { class: 'param' },
          h('label', { for: 'order-json', text: 'Order (JSON)' }), order,
          h('p', { id: 'order-help', class: 'help', text: 'The order as a promotion sends it: currency, channel, contact point, items with product, quantity and price, and the other fields the order conditions read.' })),
        h('button', { type: 'submit', class: 'primary', id: 'evaluate-order', text: 'Test the order' })),
    result);
}
