// One input per parameter, chosen from its schema: fixed choices as a dropdown, entities as a searchable dropdown
// filled from the values endpoint, numbers with their minimum and maximum, dates as date pickers, lists as chips.
// `onChange(value)` receives the new value (undefined when the field is cleared).
import { api, seg, withQuery } from './api.js';
import { debounce, h, uniqueId } from './dom.js';

const listKinds = new Set(['string_list', 'number_list', 'integer_list']);

function parseScalar(kind, text) {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (kind === 'integer' || kind === 'integer_list') return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  if (kind === 'number' || kind === 'number_list') return Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  return trimmed;
}

let segmentIds = null;

function segmentChoices() {
  segmentIds ??= api('/segments').then((list) => list.map((s) => ({ value: s.id, name: s.name }))).catch(() => []);
  return segmentIds;
}

/** Forgets the cached segment list (after a save adds one). */
export function forgetSegmentChoices() {
  segmentIds = null;
}

// A searchable dropdown: a text input tied to a datalist that is refilled from the values endpoint as the user types.
function choiceInput(id, typeId, parameter, value, onChange, describedBy) {
  const listId = uniqueId('choices');
  const list = h('datalist', { id: listId });
  const input = h('input', {
    id, type: 'text', list: listId, value: value ?? '', autocomplete: 'off', 'aria-describedby': describedBy,
    'aria-autocomplete': 'list', placeholder: parameter.choicesFrom ? `search ${parameter.choicesFrom.noun}s` : 'segment id',
  });
  const fill = (choices) => list.replaceChildren(...choices.map((c) => h('option', { value: c.value, label: c.name === c.value ? c.value : `${c.name} (${c.value})` })));
  const search = debounce(async (text) => {
    if (parameter.referencesSegment) {
      const all = await segmentChoices();
      fill(all.filter((c) => `${c.value} ${c.name}`.toLowerCase().includes(text.toLowerCase())).slice(0, 50));
      return;
    }
    try {
      const page = await api(withQuery(`/condition-types/${seg(typeId)}/parameters/${seg(parameter.name)}/values`, { search: text, limit: 50 }));
      fill(page.values);
    } catch {
      fill((parameter.choicesFrom?.values ?? []).map((v) => ({ value: v, name: v })));
    }
  }, 200);
  input.addEventListener('focus', () => search(input.value));
  input.addEventListener('input', () => {
    search(input.value);
    onChange(parseScalar('string', input.value));
  });
  return [input, list];
}

// Chips: each value a removable chip; Enter or a comma adds what is typed.
function chipsInput(id, parameter, value, onChange, describedBy) {
  let values = Array.isArray(value) ? [...value] : [];
  const chips = h('ul', { class: 'chips', 'aria-label': `${parameter.name} values` });
  const listId = uniqueId('chip-choices');
  const suggestions = parameter.allowedValues ?? parameter.choicesFrom?.values ?? null;
  const input = h('input', {
    id, type: 'text', inputmode: parameter.kind === 'string_list' ? null : 'decimal',
    list: suggestions ? listId : null, autocomplete: 'off', 'aria-describedby': describedBy, placeholder: 'type a value, then Enter',
  });
  const render = () => chips.replaceChildren(...values.map((v, index) => h('li', { class: 'chip' },
    h('span', { text: String(v) }),
    h('button', {
      type: 'button', class: 'chip-remove', 'aria-label': `Remove ${v} from ${parameter.name}`, text: '×',
      onclick: () => { values.splice(index, 1); render(); onChange(values.length ? [...values] : undefined); input.focus(); },
    }))));
  const add = () => {
    for (const part of input.value.split(',')) {
      const parsed = parseScalar(parameter.kind, part);
      if (parsed !== undefined) values.push(parsed);
    }
    input.value = '';
    render();
    onChange(values.length ? [...values] : undefined);
  };
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && input.value === '' && values.length) {
      values.pop();
      render();
      onChange(values.length ? [...values] : undefined);
    }
  });
  input.addEventListener('change', () => { if (input.value.trim()) add(); });
  render();
  return h('div', { class: 'chips-field' }, chips, input,
    suggestions ? h('datalist', { id: listId }, suggestions.map((s) => h('option', { value: s }))) : null);
}

/**
 * The field of one parameter: label, input, description and a slot for its errors (data-errors-for = its JSON path).
 * `state` is parameterState's answer (required now or not).
 */
export function parameterField(typeId, parameter, value, state, path, onChange) {
  const id = uniqueId('param');
  const helpId = `${id}-help`;
  const errorsId = `${id}-errors`;
  const describedBy = `${helpId} ${errorsId}`;
  let control;
  if (listKinds.has(parameter.kind)) {
    control = chipsInput(id, parameter, value, onChange, describedBy);
  } else if (parameter.allowedValues && parameter.kind === 'string') {
    control = h('select', { id, 'aria-describedby': describedBy, onchange: (e) => onChange(e.target.value || undefined) },
      state.required && value !== undefined ? null : h('option', { value: '', text: state.required ? 'choose…' : '(not set)' }),
      parameter.allowedValues.map((v) => h('option', { value: v, text: v, selected: v === value })));
  } else if (parameter.choicesFrom || parameter.referencesSegment) {
    control = choiceInput(id, typeId, parameter, value, onChange, describedBy);
  } else if (parameter.kind === 'boolean') {
    control = h('select', { id, 'aria-describedby': describedBy, onchange: (e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true') },
      h('option', { value: '', text: '(not set)' }),
      h('option', { value: 'true', text: 'yes', selected: value === true }),
      h('option', { value: 'false', text: 'no', selected: value === false }));
  } else if (parameter.kind === 'integer' || parameter.kind === 'number') {
    control = h('input', {
      id, type: 'number', value: value ?? '', min: parameter.minimum ?? null, max: parameter.maximum ?? null,
      step: parameter.kind === 'integer' ? '1' : 'any', inputmode: parameter.kind === 'integer' ? 'numeric' : 'decimal', 'aria-describedby': describedBy,
      oninput: (e) => onChange(parseScalar(parameter.kind, e.target.value)),
    });
  } else if (parameter.kind === 'date') {
    control = h('input', { id, type: 'date', value: typeof value === 'string' ? value.slice(0, 10) : '', 'aria-describedby': describedBy, oninput: (e) => onChange(e.target.value || undefined) });
  } else {
    control = h('input', { id, type: 'text', value: value ?? '', 'aria-describedby': describedBy, oninput: (e) => onChange(parseScalar('string', e.target.value)) });
  }

  return h('div', { class: 'param', 'data-param': parameter.name },
    h('label', { for: id }, h('code', { text: parameter.name }), state.required ? h('span', { class: 'required', title: 'required', text: ' *' }) : null),
    control,
    h('p', { id: helpId, class: 'help', text: parameter.description }),
    h('div', { id: errorsId, class: 'field-errors', 'data-errors-for': path }));
}
