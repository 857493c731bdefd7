// Explanation trees: why a profile is or is not a member (each node's answer, each condition's value and rows), and
// which nodes held for one order. Both are ARIA trees.
import { formatNumber, h } from './dom.js';
import { enableTree } from './tree.js';

function held(value) {
  return h('span', { class: `held ${value ? 'held-yes' : 'held-no'}`, text: value ? 'held' : 'not held' });
}

function rowsTable(data) {
  return h('div', { class: 'explain-rows' },
    h('p', { class: 'rows-caption', text: `${data.table}${data.window ? ` (${data.window})` : ''}: ${formatNumber(data.count)} row${data.count === 1 ? '' : 's'}` }),
    data.rows.length === 0 ? null : h('div', { class: 'table-wrap' }, h('table', { class: 'data compact' },
      h('thead', {}, h('tr', {}, data.columns.map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, data.rows.map((row) => h('tr', {}, row.map((v) => h('td', { text: v ?? '(empty)' })))))),
    data.count > data.rows.length ? h('p', { class: 'help', text: `first ${data.rows.length} shown` }) : null));
}

function profileNode(node) {
  const isGroup = node.items.length > 0;
  return h('li', {
    role: 'treeitem', 'aria-expanded': isGroup ? 'true' : null, 'data-path': node.path,
    'aria-label': `${node.description}: ${node.held ? 'held' : 'not held'}${node.value !== null && node.value !== undefined ? `, value compared ${node.value}` : ''}`,
    class: `explain-node ${node.held ? 'is-held' : 'is-not-held'}`,
  },
  h('div', { class: 'explain-head' }, held(node.held), h('span', { class: 'path', text: node.path }), h('span', { text: node.description })),
  node.value !== null && node.value !== undefined ? h('p', { class: 'value' }, 'value compared: ', h('strong', { text: node.value })) : null,
  node.data.map(rowsTable),
  isGroup ? h('ul', { role: 'group' }, node.items.map(profileNode)) : null);
}

/** A profile's explanation (GET /segments/{id}/explain/{profileId}). */
export function profileExplanation(explanation) {
  const tree = h('ul', { role: 'tree', class: 'explain', 'aria-label': `Why profile ${explanation.profileId} is ${explanation.member ? '' : 'not '}a member` }, profileNode(explanation.root));
  enableTree(tree);
  return h('div', { class: 'explanation' },
    h('p', { class: `verdict ${explanation.member ? 'is-held' : 'is-not-held'}`, role: 'status' },
      h('strong', { text: `Profile ${explanation.profileId} is ${explanation.member ? '' : 'not '}a member` }),
      ` of version ${explanation.version}.`),
    h('p', { class: 'help', text: `Evaluated at ${explanation.evaluatedAt.replace('T', ' ').slice(0, 19)} UTC: ${explanation.instant}.${explanation.storedMember === null ? '' : ` The stored membership ${explanation.storedMember === explanation.member ? 'agrees' : 'differs'}.`}` }),
    tree);
}

function orderNode(node) {
  const isGroup = Array.isArray(node.items) && node.items.length > 0;
  return h('li', {
    role: 'treeitem', 'aria-expanded': isGroup ? 'true' : null, 'data-path': node.path,
    'aria-label': `${node.description}: ${node.held ? 'held' : 'not held'}`, class: `explain-node ${node.held ? 'is-held' : 'is-not-held'}`,
  },
  h('div', { class: 'explain-head' }, held(node.held), h('span', { class: 'path', text: node.path }), h('span', { text: node.description })),
  isGroup ? h('ul', { role: 'group' }, node.items.map(orderNode)) : null);
}

/** An order's answer (POST /order-segments/{id}/evaluate?explain=true). */
export function orderExplanation(evaluation) {
  const tree = h('ul', { role: 'tree', class: 'explain', 'aria-label': 'Which conditions held for the order' }, orderNode(evaluation.explanation));
  enableTree(tree);
  return h('div', { class: 'explanation' },
    h('p', { class: `verdict ${evaluation.matched ? 'is-held' : 'is-not-held'}`, role: 'status' },
      h('strong', { text: evaluation.matched ? 'Matched' : 'Not matched' }), `: segment ${evaluation.segmentId}, version ${evaluation.version}.`),
    tree);
}
