// The catalogue: plugins and their condition types, read from /plugins and /condition-types. The builder renders
// every condition from these schemas alone, so a new plugin shows up here and in the builder with no console change.
import { api } from './api.js';
import { h } from './dom.js';

let cached = null;

/** The plugins and condition types, loaded once per key (call `forget` after the key changes). */
export async function loadCatalogue() {
  if (!cached) {
    cached = Promise.all([api('/plugins'), api('/condition-types')]).then(([plugins, types]) => ({
      plugins: plugins.plugins,
      failures: plugins.failures,
      types,
      byId: new Map(types.map((t) => [t.id, t])),
      subjects: [...new Set(types.map((t) => t.subject))].sort(),
    }));
    cached.catch(() => { cached = null; });
  }
  return cached;
}

export function forgetCatalogue() {
  cached = null;
}

/** Whether a parameter applies under the other parameters' values (its dependsOn), and whether it is required then. */
export function parameterState(parameter, params) {
  const dependency = parameter.dependsOn;
  if (!dependency) return { shown: true, required: parameter.required };
  const value = params[dependency.parameter];
  if (dependency.required.includes(value)) return { shown: true, required: true };
  if (dependency.optional.includes(value)) return { shown: true, required: false };
  return { shown: false, required: false };
}

function describeDependency(parameter) {
  const d = parameter.dependsOn;
  if (!d) return parameter.required ? 'required' : 'optional';
  const parts = [];
  if (d.required.length) parts.push(`required for ${d.parameter} ${d.required.join(', ')}`);
  if (d.optional.length) parts.push(`optional for ${d.optional.join(', ')}`);
  return parts.join('; ') || 'refused';
}

function range(parameter) {
  if (parameter.minimum === null && parameter.maximum === null) return '';
  return `${parameter.minimum ?? '…'} to ${parameter.maximum ?? '…'}`;
}

/** The catalogue page. */
export async function renderCataloguePage(main) {
  const catalogue = await loadCatalogue();
  const byPlugin = Map.groupBy(catalogue.types, (t) => t.plugin);
  main.replaceChildren(
    h('h2', { text: 'Catalogue' }),
    h('section', { 'aria-labelledby': 'plugins-heading' },
      h('h3', { id: 'plugins-heading', text: 'Plugins' }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['Plugin', 'Version', 'Subjects', 'Condition types', 'Tables'].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, catalogue.plugins.map((p) => h('tr', {},
          h('th', { scope: 'row', text: p.name }), h('td', { text: p.version }), h('td', { text: p.subjects.join(', ') }),
          h('td', { text: String(p.conditionTypes.length) }), h('td', { text: p.tables.join(', ') || '–' }))))))),
    h('section', { 'aria-labelledby': 'failures-heading' },
      h('h3', { id: 'failures-heading', text: 'Plugins that failed to load' }),
      catalogue.failures.length === 0
        ? h('p', { text: 'None: every plugin in the folder loaded.' })
        : h('ul', { class: 'failures' }, catalogue.failures.map((f) => h('li', {}, h('strong', { text: f.name }), ` (${f.folder}): ${f.reason}`)))),
    h('section', { 'aria-labelledby': 'types-heading' },
      h('h3', { id: 'types-heading', text: 'Condition types' }),
      [...byPlugin].map(([plugin, types]) => h('section', { class: 'plugin-types' },
        h('h4', { text: `${plugin} ${types[0].pluginVersion}` }),
        types.map((type) => h('details', { class: 'type' },
          h('summary', {}, h('code', { text: type.id }), ` ${type.title} `, h('span', { class: 'tag', text: type.subject })),
          h('p', { class: 'description', text: type.description }),
          h('div', { class: 'table-wrap' }, h('table', { class: 'data params' },
            h('thead', {}, h('tr', {}, ['Parameter', 'Kind', 'When', 'Values', 'Description'].map((c) => h('th', { scope: 'col', text: c })))),
            h('tbody', {}, type.parameters.map((p) => h('tr', {},
              h('th', { scope: 'row' }, h('code', { text: p.name })),
              h('td', { text: p.kind }),
              h('td', { text: describeDependency(p) }),
              h('td', { text: p.allowedValues?.join(', ') ?? (p.choicesFrom ? `${p.choicesFrom.noun}s from ${p.choicesFrom.table}` : range(p) || (p.referencesSegment ? 'a segment id' : '–')) }),
              h('td', { text: p.description }))))))))))));
}
