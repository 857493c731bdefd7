// Generated C#, highlighted, and the difference between two versions. The highlighter is a small tokenizer for the
// subset of C# the generator writes (comments, strings, numbers, keywords, type names); every token is a text node.
import { h, replace } from './dom.js';

const keywords = new Set(('abstract as base bool break case catch class const continue decimal default delegate do double else enum event explicit ' +
  'extern false finally fixed float for foreach goto if implicit in int interface internal is lock long namespace new null object operator out override ' +
  'params private protected public readonly ref return sealed short sizeof static string struct switch this throw true try typeof uint ulong unchecked ' +
  'unsafe ushort using var virtual void volatile while global when and or not with record init get set').split(' '));

const tokenPattern = /(\/\/[^\n]*)|(@"(?:[^"]|"")*"|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)+')|(\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[mMlLdDfFuU]*\b)|(\b[A-Za-z_][A-Za-z0-9_]*\b)/g;

/** The source as highlighted nodes. */
export function highlight(text) {
  const fragment = document.createDocumentFragment();
  let at = 0;
  for (const match of text.matchAll(tokenPattern)) {
    if (match.index > at) fragment.append(text.slice(at, match.index));
    const [token, comment, string, number, word] = match;
    let kind = null;
    if (comment) kind = 'comment';
    else if (string) kind = 'string';
    else if (number) kind = 'number';
    else if (word && keywords.has(word)) kind = 'keyword';
    else if (word && /^[A-Z]/.test(word)) kind = 'type';
    fragment.append(kind ? h('span', { class: `tok-${kind}`, text: token }) : token);
    at = match.index + token.length;
  }
  if (at < text.length) fragment.append(text.slice(at));
  return fragment;
}

/** Line differences between `before` and `after`: [{ kind: 'same' | 'added' | 'removed', text }]. */
export function diffLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence over lines; generated files are a few hundred lines.
  const rows = a.length + 1;
  const cols = b.length + 1;
  const table = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1] + 1 : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
    }
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push({ kind: 'same', text: a[i] }); i += 1; j += 1; }
    else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) { out.push({ kind: 'removed', text: a[i] }); i += 1; }
    else { out.push({ kind: 'added', text: b[j] }); j += 1; }
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++] });
  while (j < b.length) out.push({ kind: 'added', text: b[j++] });
  return out;
}

/** Shows highlighted source with line numbers. */
export function renderSource(container, text, label) {
  const code = h('code', { class: 'language-csharp' });
  code.append(highlight(text));
  replace(container, h('pre', { class: 'source', tabindex: '0', 'aria-label': label }, code));
}

/** Shows the difference between two sources, changed lines marked. */
export function renderDiff(container, before, after, label) {
  const lines = diffLines(before, after);
  const changed = lines.filter((l) => l.kind !== 'same').length;
  const sign = { same: '  ', added: '+ ', removed: '- ' };
  replace(container,
    h('p', { class: 'diff-summary', text: changed === 0 ? 'The two versions generate the same source.' : `${lines.filter((l) => l.kind === 'added').length} lines added, ${lines.filter((l) => l.kind === 'removed').length} removed.` }),
    h('pre', { class: 'source diff', tabindex: '0', 'aria-label': label },
      lines.map((line) => {
        const row = h('span', { class: `diff-line diff-${line.kind}` }, h('span', { class: 'diff-sign', 'aria-hidden': 'true', text: sign[line.kind] }));
        if (line.kind !== 'same') row.append(h('span', { class: 'visually-hidden', text: line.kind === 'added' ? 'added: ' : 'removed: ' }));
        row.append(highlight(line.text), '\n');
        return row;
      })));
}
