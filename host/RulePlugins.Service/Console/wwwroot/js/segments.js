// The segments list and a segment's page: runs, size over time, members paged, "why (not)" for a profile, the
// generated source of any version and its difference from another, and recalculation with live progress and cancel.
import { api, ApiError, seg, withQuery } from './api.js';
import { formatInstant, formatNumber, h, replace, statusLine } from './dom.js';
import { sizeChart } from './chart.js';
import { profileExplanation } from './explain.js';
import { renderDiff, renderSource } from './source.js';

const MembersPageSize = 50;

function schedule(s) {
  if (!s) return '–';
  return s.enabled ? `every ${formatNumber(s.intervalMinutes)} min` : 'off';
}

function lastRun(run) {
  if (!run) return 'never';
  return `${run.status}${run.finishedAt ? `, ${formatInstant(run.finishedAt)}` : ''}`;
}

/** The list of segments. */
export async function renderSegmentsPage(main) {
  const segments = await api('/segments');
  main.replaceChildren(
    h('div', { class: 'page-head' }, h('h2', { text: 'Segments' }), h('a', { class: 'button primary', href: '#/builder', text: 'New segment' })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'data segments' },
      h('caption', { class: 'visually-hidden', text: 'Segments with their members, last run and schedule' }),
      h('thead', {}, h('tr', {}, ['Segment', 'Name', 'Selects', 'Status', 'Members', 'Last run', 'Schedule'].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, segments.map((s) => h('tr', { 'data-segment': s.id },
        h('th', { scope: 'row' }, h('a', { href: `#/segments/${seg(s.id)}`, text: s.id })),
        h('td', { text: s.name }),
        h('td', { text: s.subject }),
        h('td', {}, h('span', { class: `tag status-${s.status}`, text: s.status })),
        h('td', { class: 'number', 'data-members': '', text: s.members === null ? '–' : formatNumber(s.members) }),
        h('td', { text: lastRun(s.lastRun) }),
        h('td', { text: schedule(s.schedule) })))))));
}

function runsTable(runs) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data compact runs' },
    h('thead', {}, h('tr', {}, ['Run', 'Status', 'Started', 'By', 'Scanned', 'Members', 'Entered', 'Left', 'Took'].map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, runs.map((r) => h('tr', {},
      h('td', { text: String(r.id) }), h('td', { text: r.status, title: r.error ?? '' }), h('td', { text: formatInstant(r.startedAt) }), h('td', { text: r.startedBy ?? 'cli' }),
      h('td', { class: 'number', text: formatNumber(r.scanned) }), h('td', { class: 'number', text: formatNumber(r.members) }),
      h('td', { class: 'number', text: `+${formatNumber(r.entered)}` }), h('td', { class: 'number', text: `−${formatNumber(r.left)}` }),
      h('td', { class: 'number', text: `${formatNumber(r.durationMs)} ms` }))))));
}

/** One segment's page. */
export async function renderSegmentPage(main, id) {
  const segment = await api(`/segments/${seg(id)}`);
  const isProfile = segment.subject === 'profile';
  const isStatic = segment.status === 'static';
  let poll = null;
  let left = false;

  const runsSection = h('div', {});
  const chartSection = h('div', {});
  const membersSection = h('div', {});
  const explainResult = h('div', { class: 'explain-result' });
  const sourceSection = h('div', {});
  const recalcStatus = h('div', { class: 'recalc', 'aria-live': 'polite' });
  const memberCount = h('span', { 'data-member-count': '' });

  async function loadRuns() {
    const page = await api(withQuery(`/segments/${seg(id)}/runs`, { limit: 10 }));
    replace(runsSection, page.items.length ? runsTable(page.items) : h('p', { text: 'No run yet.' }));
  }

  async function loadHistory() {
    replace(chartSection, sizeChart(await api(withQuery(`/segments/${seg(id)}/history`, { limit: 100 }))));
  }

  async function loadMembers(after = null, previous = []) {
    const page = await api(withQuery(`/segments/${seg(id)}/members`, { limit: MembersPageSize, after }));
    memberCount.textContent = formatNumber(page.total);
    replace(membersSection,
      h('p', {}, `${formatNumber(page.total)} members; showing ${page.items.length ? `${page.items[0]} to ${page.items[page.items.length - 1]}` : 'none'}.`),
      h('ol', { class: 'members', 'aria-label': 'Member profile ids' }, page.items.map((m) => h('li', {}, h('button', {
        type: 'button', class: 'link', text: String(m), 'aria-label': `Explain profile ${m}`,
        onclick: () => { explainInput.value = String(m); explain(); },
      })))),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'small', disabled: previous.length === 0, text: 'Previous page', onclick: () => loadMembers(previous[previous.length - 1] ?? null, previous.slice(0, -1)) }),
        h('button', { type: 'button', class: 'small', disabled: page.next === null, text: 'Next page', onclick: () => loadMembers(page.next, [...previous, after]) })));
  }

  const explainInput = h('input', { id: 'explain-profile', type: 'number', min: '1', step: '1', inputmode: 'numeric', required: true });
  async function explain() {
    replace(explainResult, statusLine('Explaining…'));
    try {
      replace(explainResult, profileExplanation(await api(`/segments/${seg(id)}/explain/${seg(explainInput.value)}`)));
    } catch (error) {
      replace(explainResult, statusLine(error.message, 'error'));
    }
  }

  async function loadSource() {
    const versions = await api(`/segments/${seg(id)}/versions`);
    if (versions.length === 0) {
      replace(sourceSection, h('p', { text: 'A static segment has no rules, so no generated source.' }));
      return;
    }
    const current = versions.find((v) => v.current) ?? versions[versions.length - 1];
    const shown = h('select', { id: 'source-version' }, versions.map((v) => h('option', { value: v.version, text: `version ${v.version}${v.current ? ' (current)' : ''}`, selected: v === current })));
    const against = h('select', { id: 'source-compare' }, h('option', { value: '', text: 'nothing (show the source)' }), versions.map((v) => h('option', { value: v.version, text: `version ${v.version}` })));
    const view = h('div', {});
    const text = (version) => api(withQuery(`/segments/${seg(id)}/source`, { version }), { text: true });
    const show = async () => {
      if (against.value) renderDiff(view, await text(against.value), await text(shown.value), `Changes from version ${against.value} to version ${shown.value}`);
      else renderSource(view, await text(shown.value), `Generated C# of version ${shown.value}`);
    };
    shown.addEventListener('change', show);
    against.addEventListener('change', show);
    replace(sourceSection,
      h('div', { class: 'inline-fields' },
        h('label', { for: 'source-version', text: 'Show' }), shown,
        h('label', { for: 'source-compare', text: 'compared with' }), against),
      view);
    await show();
  }

  async function watch(runId, cancelButton) {
    const bar = h('progress', { max: '100', value: '0', 'aria-label': 'Recalculation progress' });
    const words = h('span', { class: 'progress-words', 'data-progress': '' });
    replace(recalcStatus, h('div', { class: 'progress-line' }, bar, words, cancelButton));
    cancelButton.hidden = false;
    cancelButton.onclick = async () => {
      cancelButton.disabled = true;
      try {
        await api(`/runs/${runId}/cancel`, { method: 'POST' });
      } catch (error) {
        words.textContent = error.message;
      }
    };
    for (;;) {
      if (left) return;
      const run = await api(`/runs/${runId}`);
      const p = run.progress;
      if (p) {
        bar.value = p.percent;
        words.textContent = `${formatNumber(p.scanned)} / ${formatNumber(p.total)} profiles scanned, ${formatNumber(p.profilesPerSecond)}/s, ETA ${p.etaSeconds === null ? '…' : `${p.etaSeconds} s`}; ${formatNumber(p.members)} members so far`;
      } else {
        words.textContent = `Run ${run.id} is ${run.status}.`;
      }
      if (!['queued', 'running'].includes(run.status)) {
        cancelButton.hidden = true;
        if (run.status === 'succeeded') {
          bar.value = 100;
          words.textContent = `${formatNumber(run.scanned)} / ${formatNumber(run.scanned)} profiles scanned in ${formatNumber(run.durationMs)} ms`;
        }
        recalcStatus.append(statusLine(
          run.status === 'succeeded'
            ? `Run ${run.id} succeeded: ${formatNumber(run.members)} members (+${formatNumber(run.entered)} −${formatNumber(run.left)}), ${formatNumber(run.scanned)} profiles in ${formatNumber(run.durationMs)} ms.`
            : `Run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}; the previous membership stays.`,
          run.status === 'succeeded' ? 'ok' : 'error'));
        await Promise.all([loadRuns(), loadHistory(), loadMembers()]);
        return;
      }
      await new Promise((resolve) => { poll = setTimeout(resolve, 400); });
    }
  }

  async function recalculate(event) {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      const queued = await api(`/segments/${seg(id)}/recalculate`, { method: 'POST' });
      await watch(queued.runId, h('button', { type: 'button', class: 'small cancel-run', text: 'Cancel' }));
    } catch (error) {
      replace(recalcStatus, statusLine(error instanceof ApiError && error.status === 409 ? `Not started: ${error.message}` : error.message, 'error'));
    } finally {
      button.disabled = false;
    }
  }

  const facts = [
    ['Selects', segment.subject], ['Status', segment.status + (segment.statusReason ? `: ${segment.statusReason}` : '')],
    ['Version', String(segment.currentVersion)], ['Schedule', schedule(segment.schedule)],
    ['Refers to', segment.references.join(', ') || '–'], ['Referred to by', segment.referrers.join(', ') || '–'],
  ];
  main.replaceChildren(
    h('div', { class: 'page-head' },
      h('h2', {}, segment.name, ' ', h('code', { class: 'muted', text: segment.id })),
      h('div', { class: 'actions' },
        isStatic ? null : h('a', { class: 'button', href: `#/builder/${seg(id)}`, text: 'Edit in the builder' }),
        !isProfile ? h('a', { class: 'button', href: `#/orders/${seg(id)}`, text: 'Test an order' }) : null,
        isProfile && !isStatic ? h('button', { type: 'button', class: 'primary', id: 'recalculate', text: 'Recalculate', onclick: recalculate }) : null)),
    h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]), isProfile ? [h('dt', { text: 'Members' }), h('dd', {}, memberCount)] : null),
    recalcStatus,
    isProfile ? h('section', { 'aria-labelledby': 'history-heading' }, h('h3', { id: 'history-heading', text: 'Size over time' }), chartSection) : null,
    h('section', { 'aria-labelledby': 'runs-heading' }, h('h3', { id: 'runs-heading', text: 'Runs' }), runsSection),
    isProfile ? h('section', { 'aria-labelledby': 'members-heading' }, h('h3', { id: 'members-heading', text: 'Members' }), membersSection) : null,
    isProfile ? h('section', { 'aria-labelledby': 'explain-heading' },
      h('h3', { id: 'explain-heading', text: 'Why (not)?' }),
      h('form', { class: 'inline-fields', onsubmit: (e) => { e.preventDefault(); explain(); } },
        h('label', { for: 'explain-profile', text: 'Profile id' }), explainInput, h('button', { type: 'submit', text: 'Explain' })),
      explainResult) : null,
    h('section', { 'aria-labelledby': 'source-heading' }, h('h3', { id: 'source-heading', text: 'Generated C#' }), sourceSection));

  await Promise.all([loadRuns(), loadSource(), ...(isProfile ? [loadHistory(), loadMembers()] : [])]);
  return () => {
    left = true;
    clearTimeout(poll);
  };
}
