// The rule builder: a segment document edited as a tree of groups (AND / OR, one operator per level) and conditions
// rendered from the catalogue's schemas. Every change is previewed (debounced, the previous request cancelled): the
// service validates, lints, counts each node and returns the generated C#; errors and warnings are shown on the node
// their JSON path names, the counts on the logic diagram.
import { api, ApiError, seg, withQuery } from './api.js';
import { debounce, formatNumber, h, replace, statusLine } from './dom.js';
import { loadCatalogue, parameterState } from './catalogue.js';
import { forgetSegmentChoices, parameterField } from './params.js';
import { renderDiagram } from './diagram.js';
import { renderSource } from './source.js';

const other = (op) => (op === 'and' ? 'or' : 'and');
const opWords = { and: 'ALL must hold (AND)', or: 'ANY may hold (OR)' };

function newDraft() {
  return { schemaVersion: 1, id: 'new-segment', name: 'New segment', subject: 'profile', rules: { op: 'and', items: [] } };
}

/** The node at a JSON path such as rules.items[1].items[0]. */
export function nodeAt(doc, path) {
  let node = doc.rules;
  for (const match of path.slice('rules'.length).matchAll(/\.items\[(\d+)\]/g)) node = node?.items?.[Number(match[1])];
  return node;
}

function parentOf(doc, path) {
  const at = path.lastIndexOf('.items[');
  return { parent: nodeAt(doc, path.slice(0, at)), index: Number(path.slice(at + 7, -1)), parentPath: path.slice(0, at) };
}

// The deepest slot whose path is the error's path or an ancestor of it (on a path boundary).
function slotFor(slots, path) {
  let best = null;
  for (const slot of slots) {
    const p = slot.dataset.errorsFor;
    const covers = p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`) || (p === '' && path !== '');
    if (covers && (!best || p.length > best.dataset.errorsFor.length)) best = slot;
  }
  return best;
}

export async function renderBuilderPage(main, editingId) {
  const catalogue = await loadCatalogue();
  let doc = newDraft();
  if (editingId) {
    const stored = await api(`/segments/${seg(editingId)}`);
    if (!stored.document || !stored.document.rules) throw new Error(`Segment '${editingId}' has no rules to edit (a static segment's members are imported).`);
    doc = stored.document;
  }

  let controller = null;
  let errors = [];
  let warnings = [];
  let focusAfter = null;
  const title = (id) => catalogue.byId.get(id)?.title ?? 'a condition to choose';
  const deciding = new Set(catalogue.types.flatMap((t) => t.parameters.map((p) => p.dependsOn?.parameter).filter(Boolean)));

  const editor = h('div', { class: 'editor', 'aria-label': 'Rules' });
  const headerErrors = h('div', { class: 'field-errors', 'data-errors-for': '' });
  const previewStatus = statusLine('');
  const diagram = h('div', { class: 'diagram-wrap' });
  const warningsList = h('div', { class: 'warnings' });
  const source = h('div', { class: 'source-wrap' });
  const saveStatus = h('div', { class: 'save-status', 'aria-live': 'polite' });
  const json = h('pre', { class: 'json' });

  const schedulePreview = debounce(() => preview(), 500);
  const changed = () => {
    json.textContent = JSON.stringify(doc, null, 2);
    schedulePreview();
  };

  function header() {
    const field = (name, label, control) => h('div', { class: 'param' },
      h('label', { for: `doc-${name}`, text: label }), control, h('div', { class: 'field-errors', 'data-errors-for': name }));
    return h('div', { class: 'doc-fields' },
      field('id', 'Segment id', h('input', {
        id: 'doc-id', value: doc.id, disabled: Boolean(editingId), spellcheck: 'false',
        oninput: (e) => { doc.id = e.target.value.trim(); changed(); },
      })),
      field('name', 'Name', h('input', { id: 'doc-name', value: doc.name ?? '', oninput: (e) => { doc.name = e.target.value; changed(); } })),
      field('subject', 'Selects', h('select', {
        id: 'doc-subject', disabled: Boolean(editingId),
        onchange: (e) => { doc.subject = e.target.value; refresh(); },
      }, catalogue.subjects.map((s) => h('option', { value: s, text: s === 'profile' ? 'profiles' : `${s}s`, selected: s === doc.subject })))));
  }

  function itemControls(path, label) {
    const { parent, index } = parentOf(doc, path);
    const act = (name, text, action, disabled = false) => h('button', {
      type: 'button', class: `small ${name}`, disabled, 'aria-label': `${text}: ${label}`, text,
      onclick: () => { action(); refresh(); },
    });
    return h('div', { class: 'item-controls' },
      act('move-up', 'Move up', () => { parent.items.splice(index - 1, 0, parent.items.splice(index, 1)[0]); focusAfter = `${parentOf(doc, path).parentPath}.items[${index - 1}]`; }, index === 0),
      act('move-down', 'Move down', () => { parent.items.splice(index + 1, 0, parent.items.splice(index, 1)[0]); focusAfter = `${parentOf(doc, path).parentPath}.items[${index + 1}]`; }, index === parent.items.length - 1),
      act('duplicate', 'Duplicate', () => { parent.items.splice(index + 1, 0, structuredClone(parent.items[index])); focusAfter = `${parentOf(doc, path).parentPath}.items[${index + 1}]`; }),
      act('remove', 'Remove', () => { parent.items.splice(index, 1); focusAfter = parentOf(doc, path).parentPath; }));
  }

  function typeOptions(selected) {
    const types = catalogue.types.filter((t) => t.subject === doc.subject);
    const byPlugin = Map.groupBy(types, (t) => t.plugin);
    return [
      h('option', { value: '', text: 'choose a condition…', selected: !selected }),
      [...byPlugin].map(([plugin, list]) => h('optgroup', { label: plugin }, list.map((t) => h('option', { value: t.id, text: `${t.title} (${t.id})`, selected: t.id === selected })))),
    ];
  }

  function defaults(type) {
    const params = {};
    for (const p of type.parameters) {
      if (deciding.has(p.name) && p.required && p.allowedValues?.length) params[p.name] = p.allowedValues[0];
    }
    return params;
  }

  function paramsSection(condition, path) {
    const type = catalogue.byId.get(condition.type);
    if (!type) return h('p', { class: 'help', text: condition.type ? `Unknown condition type ${condition.type}.` : 'Choose what this condition tests.' });
    condition.params ??= {};
    const section = h('div', { class: 'params' });
    const fill = () => {
      const fields = [];
      for (const parameter of type.parameters) {
        const state = parameterState(parameter, condition.params);
        if (!state.shown) {
          delete condition.params[parameter.name];
          continue;
        }
        fields.push(parameterField(type.id, parameter, condition.params[parameter.name], state, `${path}.params.${parameter.name}`, (value) => {
          if (value === undefined) delete condition.params[parameter.name];
          else condition.params[parameter.name] = value;
          if (deciding.has(parameter.name)) {
            const focused = document.activeElement?.closest('[data-param]')?.dataset.param;
            fill();
            section.querySelector(`[data-param="${CSS.escape(focused ?? '')}"] input, [data-param="${CSS.escape(focused ?? '')}"] select`)?.focus();
          }
          changed();
        }));
      }
      section.replaceChildren(h('p', { class: 'help type-help', text: type.description }), ...fields);
      // Re-filled after the operator changed: the errors go back on the new fields. A first fill is annotated by refresh.
      if (section.isConnected) annotate();
    };
    fill();
    return section;
  }

  function conditionBox(condition, path) {
    const type = catalogue.byId.get(condition.type);
    const label = type ? `${type.title} at ${path}` : `condition at ${path}`;
    const select = h('select', {
      'aria-label': `Condition type at ${path}`, class: 'type-select',
      onchange: (e) => {
        condition.type = e.target.value;
        const chosen = catalogue.byId.get(condition.type);
        condition.params = chosen ? defaults(chosen) : {};
        focusAfter = path;
        refresh();
      },
    }, typeOptions(condition.type));
    return h('li', { class: 'node condition', 'data-path': path },
      h('div', { class: 'node-head' }, h('span', { class: 'path', text: path }), select, itemControls(path, label)),
      h('div', { class: 'node-errors', 'data-errors-for': path }),
      paramsSection(condition, path));
  }

  function groupBox(group, path) {
    const name = `op-${path.replace(/[^a-z0-9]/gi, '-')}`;
    const isRoot = path === 'rules';
    return h(isRoot ? 'div' : 'li', { class: `node group op-${group.op}`, 'data-path': path },
      h('fieldset', { class: 'group-box' },
        h('legend', {}, isRoot ? 'All rules' : `Group ${path}`),
        h('div', { class: 'node-head' },
          h('div', { class: 'op-choice', role: 'radiogroup', 'aria-label': `Operator of ${path}` },
            ['and', 'or'].map((op) => h('label', { class: 'op' },
              h('input', { type: 'radio', name, value: op, checked: group.op === op, onchange: () => { group.op = op; refresh(); } }),
              ` ${opWords[op]}`))),
          isRoot ? null : itemControls(path, `group at ${path}`)),
        h('div', { class: 'node-errors', 'data-errors-for': path }),
        h('ul', { class: 'items' }, (group.items ?? []).map((item, index) => {
          const itemPath = `${path}.items[${index}]`;
          return item.items ? groupBox(item, itemPath) : conditionBox(item, itemPath);
        })),
        h('div', { class: 'group-actions' },
          h('button', {
            type: 'button', class: 'add-condition', 'aria-label': `Add a condition to ${path}`, text: '+ Condition',
            onclick: () => { group.items ??= []; group.items.push({ type: '', params: {} }); focusAfter = `${path}.items[${group.items.length - 1}]`; refresh(); },
          }),
          h('button', {
            type: 'button', class: 'add-group', 'aria-label': `Add a group to ${path}`, text: `+ Group (${other(group.op).toUpperCase()})`,
            onclick: () => { group.items ??= []; group.items.push({ op: other(group.op), items: [{ type: '', params: {} }] }); focusAfter = `${path}.items[${group.items.length - 1}]`; refresh(); },
          }))));
  }

  function refresh() {
    replace(editor, groupBox(doc.rules, 'rules'));
    annotate();
    if (focusAfter !== null) {
      const node = editor.querySelector(`[data-path="${CSS.escape(focusAfter)}"]`);
      (node?.querySelector('select, input') ?? node)?.focus();
      focusAfter = null;
    }
    changed();
  }

  function annotate() {
    const scope = main;
    for (const slot of scope.querySelectorAll('[data-errors-for]')) slot.replaceChildren();
    for (const invalid of scope.querySelectorAll('[aria-invalid="true"]')) invalid.removeAttribute('aria-invalid');
    for (const marked of scope.querySelectorAll('.has-error, .has-warning')) marked.classList.remove('has-error', 'has-warning');
    const slots = [...scope.querySelectorAll('[data-errors-for]')];
    for (const error of errors) {
      const slot = slotFor(slots, error.path ?? '') ?? headerErrors;
      const where = slot.dataset.errorsFor === error.path ? '' : ` (${error.path})`;
      slot.append(h('p', { class: 'error', text: `${error.message}${where}` }));
      slot.closest('.param')?.querySelector('input, select')?.setAttribute('aria-invalid', 'true');
      slot.closest('.node')?.classList.add('has-error');
    }
    for (const warning of warnings) {
      const slot = slotFor(slots, warning.path) ?? headerErrors;
      slot.closest('.node')?.classList.add('has-warning');
      slot.append(h('div', { class: 'warning' },
        h('p', {}, h('strong', { text: `Warning (${warning.rule}): ` }), warning.message),
        rewriteButton(warning)));
    }
  }

  function rewriteButton(warning) {
    if (!warning.rewrite) return null;
    // A rewrite is words, then the replacement node as JSON when there is one.
    const at = warning.rewrite.indexOf('{');
    let rewrite = null;
    try {
      rewrite = at >= 0 ? JSON.parse(warning.rewrite.slice(at)) : null;
    } catch {
      rewrite = null;
    }
    if (!rewrite?.op || !Array.isArray(rewrite.items)) return h('p', { class: 'rewrite', text: warning.rewrite });
    return h('p', { class: 'rewrite' }, `${warning.rewrite.slice(0, at).trim()} `, h('button', {
      type: 'button', class: 'small apply-rewrite', text: 'Apply the suggested rewrite',
      onclick: () => {
        if (warning.path === 'rules') doc.rules = rewrite;
        else {
          const { parent, index } = parentOf(doc, warning.path);
          parent.items[index] = rewrite;
        }
        focusAfter = warning.path;
        refresh();
      },
    }));
  }

  async function preview() {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    previewStatus.textContent = 'Checking and counting…';
    previewStatus.className = 'status status-info';
    try {
      const result = await api(withQuery('/segments/preview', { count: 'true' }), { method: 'POST', body: doc, signal });
      errors = [];
      warnings = result.warnings;
      const a = result.audience;
      const warned = warnings.length ? ` ${warnings.length} warning${warnings.length > 1 ? 's' : ''}.` : '';
      previewStatus.textContent = a
        ? `Valid; ${a.sampled ? `estimated from a sample of ${formatNumber(a.counted)} profiles` : `every profile counted`} in ${formatNumber(Math.round(a.milliseconds))} ms.${warned}`
        : `Valid.${warned}`;
      renderDiagram(diagram, doc, a, warnings, title);
      renderSource(source, result.source, 'Generated C# of the draft');
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status === 400) {
        errors = error.errors.length ? error.errors : [{ path: '', message: error.message }];
        warnings = [];
        previewStatus.textContent = `${errors.length} error${errors.length > 1 ? 's' : ''}: ${error.problem.title ?? 'the document is invalid'}.`;
        previewStatus.className = 'status status-error';
        renderDiagram(diagram, doc, null, [], title);
      } else if (error instanceof ApiError && error.status === 401) {
        previewStatus.textContent = 'Checking and counting a draft needs the API key: type it in the API key field above.';
        previewStatus.className = 'status status-error';
      } else {
        previewStatus.textContent = error.message;
        previewStatus.className = 'status status-error';
      }
    }
    annotate();
    replace(warningsList, warnings.map((w) => h('p', { class: 'warning' }, h('strong', { text: `${w.path}: ` }), w.message)));
  }

  async function save() {
    schedulePreview.cancel();
    replace(saveStatus, statusLine('Saving…'));
    try {
      const result = await api(`/segments/${seg(doc.id)}`, { method: 'PUT', body: doc });
      forgetSegmentChoices();
      replace(saveStatus, h('p', { class: 'status status-ok', role: 'status' },
        result.created ? `Saved version ${result.version} (compiled in ${formatNumber(Math.round(result.compileMilliseconds))} ms). ` : `Unchanged: version ${result.version} stays current. `,
        h('a', { href: `#/segments/${seg(result.id)}`, text: 'Open the segment page' })));
      warnings = result.warnings;
      errors = [];
      annotate();
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.errors.length) {
        errors = error.errors;
        annotate();
      }
      replace(saveStatus, statusLine(`Not saved: ${error.message}`, 'error'));
    }
  }

  main.replaceChildren(
    h('h2', { text: editingId ? `Edit segment ${editingId}` : 'Rule builder' }),
    h('form', { class: 'builder', onsubmit: (e) => { e.preventDefault(); save(); } },
      header(), headerErrors,
      h('div', { class: 'builder-columns' },
        h('section', { class: 'builder-tree', 'aria-labelledby': 'rules-heading' }, h('h3', { id: 'rules-heading', text: 'Rules' }), editor),
        h('section', { class: 'builder-preview', 'aria-labelledby': 'diagram-heading' },
          h('h3', { id: 'diagram-heading', text: 'Logic diagram' }), previewStatus, diagram, warningsList)),
      h('div', { class: 'save-bar' }, h('button', { type: 'submit', class: 'primary', id: 'save-segment', text: 'Save segment' }), saveStatus),
      h('section', { 'aria-labelledby': 'source-heading' }, h('h3', { id: 'source-heading', text: 'Generated C#' }), source),
      h('details', { class: 'json-details' }, h('summary', { text: 'Document JSON' }), json)));
  refresh();
  return () => {
    schedulePreview.cancel();
    controller?.abort();
  };
}
