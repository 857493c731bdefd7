// The logic diagram: the tree as nested boxes, each with the number of profiles it holds for (the preview's per-node
// counts) and the total on top. Nodes a lint warning names are marked, the OR-with-negations flaw among them. It is an
// ARIA tree: arrow keys move between boxes, Left and Right fold and unfold groups.
import { formatNumber, h, replace } from './dom.js';
import { enableTree } from './tree.js';

function warningsFor(path, warnings) {
  return warnings.filter((w) => w.path === path || w.items.includes(path));
}

function node(item, path, counts, warnings, typeTitle) {
  const count = counts.get(path);
  const marked = warningsFor(path, warnings);
  const isGroup = Array.isArray(item.items);
  const words = isGroup
    ? `${item.op === 'or' ? 'ANY' : 'ALL'} of ${item.items.length}`
    : count?.description ?? typeTitle(item.type);
  const countText = count ? formatNumber(count.count) : '–';
  const label = `${words}: ${count ? `${countText} profiles` : 'not counted'}${marked.length ? `; warning: ${marked.map((w) => w.rule).join(', ')}` : ''}`;
  return h('li', {
    role: 'treeitem', 'aria-label': label, 'aria-expanded': isGroup ? 'true' : null, 'data-path': path,
    class: `diagram-node ${isGroup ? `group op-${item.op}` : 'condition'}${marked.length ? ' warned' : ''}`,
  },
  h('div', { class: 'box' },
    h('span', { class: 'box-op', text: isGroup ? (item.op === 'or' ? 'OR' : 'AND') : '' }),
    h('span', { class: 'box-words', text: words }),
    h('span', { class: 'box-count', 'data-count-for': path, text: countText }),
    marked.length ? h('span', { class: 'box-warning', title: marked.map((w) => w.message).join('\n'), text: `⚠ ${marked.map((w) => w.rule).join(', ')}` }) : null),
  isGroup ? h('ul', { role: 'group' }, item.items.map((child, i) => node(child, `${path}.items[${i}]`, counts, warnings, typeTitle))) : null);
}

/** Draws `doc`'s tree into `container`, with `audience` (the preview's counts, or null) and the lint `warnings`. */
export function renderDiagram(container, doc, audience, warnings, typeTitle = (id) => id || 'a condition to choose') {
  const counts = new Map((audience?.nodes ?? []).map((n) => [n.path, n]));
  const tree = h('ul', { role: 'tree', class: 'diagram', 'aria-label': 'Logic diagram with the profiles each node holds for' },
    node(doc.rules, 'rules', counts, warnings, typeTitle));
  replace(container,
    h('p', { class: 'diagram-total' }, audience
      ? [h('strong', { 'data-total': '', text: formatNumber(audience.estimatedMembers) }), ` member${audience.estimatedMembers === 1 ? '' : 's'} of ${formatNumber(audience.profiles)} profiles${audience.sampled ? ' (estimated from a sample)' : ''}`]
      : 'Not counted: fix the errors first.'),
    tree);
  enableTree(tree);
}
