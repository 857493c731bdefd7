// Keyboard support for the ARIA tree pattern (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/): one tab stop
// (roving tabindex), Up/Down to move, Right to expand or enter, Left to collapse or go to the parent, Home/End, and
// Enter/Space to toggle a group. Items are elements with role="treeitem"; a group's children sit in a role="group".

function visibleItems(tree) {
  return [...tree.querySelectorAll('[role="treeitem"]')].filter((item) => {
    for (let parent = item.parentElement?.closest('[role="treeitem"]'); parent; parent = parent.parentElement?.closest('[role="treeitem"]')) {
      if (parent.getAttribute('aria-expanded') === 'false') return false;
      if (!tree.contains(parent)) break;
    }
    return true;
  });
}

function focusItem(tree, item) {
  for (const other of tree.querySelectorAll('[role="treeitem"]')) other.tabIndex = -1;
  item.tabIndex = 0;
  item.focus();
}

/** Makes `tree` (role="tree") keyboard-navigable. */
export function enableTree(tree) {
  const items = tree.querySelectorAll('[role="treeitem"]');
  items.forEach((item, index) => { item.tabIndex = index === 0 ? 0 : -1; });
  tree.addEventListener('click', (event) => {
    const item = event.target.closest('[role="treeitem"]');
    if (item && tree.contains(item)) focusItem(tree, item);
  });
  tree.addEventListener('keydown', (event) => {
    const item = event.target.closest('[role="treeitem"]');
    if (!item || event.target !== item) return;
    const visible = visibleItems(tree);
    const at = visible.indexOf(item);
    const expanded = item.getAttribute('aria-expanded');
    let handled = true;
    switch (event.key) {
      case 'ArrowDown': if (at < visible.length - 1) focusItem(tree, visible[at + 1]); break;
      case 'ArrowUp': if (at > 0) focusItem(tree, visible[at - 1]); break;
      case 'Home': focusItem(tree, visible[0]); break;
      case 'End': focusItem(tree, visible[visible.length - 1]); break;
      case 'ArrowRight':
        if (expanded === 'false') item.setAttribute('aria-expanded', 'true');
        else if (expanded === 'true' && visible[at + 1]) focusItem(tree, visible[at + 1]);
        break;
      case 'ArrowLeft': {
        const parent = item.parentElement?.closest('[role="treeitem"]');
        if (expanded === 'true') item.setAttribute('aria-expanded', 'false');
        else if (parent && tree.contains(parent)) focusItem(tree, parent);
        break;
      }
      case 'Enter':
      case ' ':
        if (expanded !== null) item.setAttribute('aria-expanded', expanded === 'true' ? 'false' : 'true');
        break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });
  return tree;
}
