// The interactive API page: reads /openapi.json, lists every operation with its parameters and
// response schemas, and sends a GET from a form. No framework and no other host: the server's
// Content-Security-Policy refuses anything not from itself.
'use strict';

/** An element with attributes and children (strings become text: nothing is parsed as HTML). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : v);
  node.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  return node;
}

let schemas = {};

/** A schema as TypeScript-like text, named references expanded once per branch. */
function typeText(s, indent = '', seen = new Set()) {
  if (!s || Object.keys(s).length === 0) return 'any';
  if (s.$ref) {
    const name = s.$ref.split('/').pop();
    if (seen.has(name) || !schemas[name]) return name;
    return typeText(schemas[name], indent, new Set([...seen, name]));
  }
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((x) => typeText(x, indent, seen)).join(' | ');
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  const types = Array.isArray(s.type) ? s.type : [s.type ?? (s.properties ? 'object' : 'any')];
  const text = types.map((t) => {
    if (t === 'array') return `${wrapUnion(typeText(s.items, indent, seen))}[]`;
    if (t !== 'object') return t;
    const props = Object.entries(s.properties ?? {});
    if (props.length === 0) {
      if (!s.additionalProperties || s.additionalProperties === true) return 'object';
      const key = s.propertyNames?.enum ? s.propertyNames.enum.map((k) => JSON.stringify(k)).join(' | ') : 'string';
      return `{ [key: ${key}]: ${typeText(s.additionalProperties, indent, seen)} }`;
    }
    const inner = indent + '  ';
    const required = new Set(s.required ?? []);
    const lines = props.map(([k, v]) => `${inner}${k}${required.has(k) ? '' : '?'}: ${typeText(v, inner, seen)}`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  });
  return s.nullable ? [...text, 'null'].join(' | ') : text.join(' | ');
}

const wrapUnion = (t) => (t.includes(' | ') && !t.startsWith('{') ? `(${t})` : t);

function parameterTable(params) {
  if (params.length === 0) return el('p', {}, 'No parameters.');
  return el(
    'table',
    {},
    el('tr', {}, el('th', {}, 'name'), el('th', {}, 'in'), el('th', {}, 'type'), el('th', {}, 'description')),
    params.map((p) =>
      el(
        'tr',
        {},
        el('td', {}, el('code', {}, p.name), p.required ? el('span', { class: 'required', title: 'required' }, ' *') : null),
        el('td', {}, p.in),
        el('td', {}, el('code', {}, typeText(p.schema))),
        el('td', {}, p.description ?? p.schema?.description ?? ''),
      ),
    ),
  );
}

function responseList(responses) {
  return Object.entries(responses).map(([status, r]) => {
    const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
    return el('div', {}, el('strong', {}, status), ` ${r.description ?? ''}`, type ? el('span', { class: 'summary' }, ` (${type})`) : null, media ? el('pre', {}, typeText(media.schema)) : null);
  });
}

/** The form that sends the operation: one field per parameter, the answer shown below it. */
function tryForm(path, op, params) {
  const output = el('pre', { hidden: true });
  const fields = params.map((p) => {
    const choices = p.schema?.enum;
    const input = choices
      ? el('select', { name: p.name }, p.required ? null : el('option', { value: '' }, ''), choices.map((v) => el('option', { value: v }, v)))
      : el('input', { name: p.name, required: p.required, placeholder: p.example ?? p.schema?.example ?? '' });
    return [el('label', {}, p.name), input];
  });
  const form = el('form', {}, fields.flat(), el('button', { type: 'submit' }, 'Send'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    let url = path;
    const query = new URLSearchParams();
    for (const p of params) {
      const value = String(data.get(p.name) ?? '');
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      else if (value !== '') query.set(p.name, value);
    }
    if ([...query].length > 0) url += `?${query}`;
    const headers = {};
    const key = document.getElementById('admin-key').value;
    if (op.security && key) headers.Authorization = `Bearer ${key}`;
    const started = performance.now();
    output.hidden = false;
    output.textContent = `GET ${url} …`;
    try {
      const res = await fetch(url, { headers });
      const text = await res.text();
      let shown = text;
      try {
        shown = JSON.stringify(JSON.parse(text), null, 2);
      } catch {}
      output.replaceChildren(el('span', { class: res.ok ? 'status-ok' : 'status-err' }, `HTTP ${res.status}`), ` · ${Math.round(performance.now() - started)} ms · GET ${url}\n\n${shown}`);
    } catch (e) {
      output.replaceChildren(el('span', { class: 'status-err' }, 'Request failed'), `\n${e}`);
    }
  });
  return [form, output];
}

function operation(path, method, op) {
  const params = op.parameters ?? [];
  return el(
    'details',
    { id: op.operationId ?? `${method} ${path}` },
    el('summary', {}, el('span', { class: 'method' }, method), el('span', { class: 'path' }, path), el('span', { class: 'summary' }, op.summary ?? '')),
    el(
      'div',
      { class: 'body' },
      op.description ? el('p', {}, op.description) : null,
      op.security ? el('p', {}, 'Needs the admin key (field at the top).') : null,
      el('h4', {}, 'Parameters'),
      parameterTable(params),
      el('h4', {}, 'Responses'),
      responseList(op.responses ?? {}),
      method === 'get' ? [el('h4', {}, 'Try it'), tryForm(path, op, params)] : null,
    ),
  );
}

async function main() {
  const spec = await (await fetch('/openapi.json')).json();
  schemas = spec.components?.schemas ?? {};
  document.getElementById('version').textContent = `v${spec.info.version} · OpenAPI ${spec.openapi}`;
  document.getElementById('intro').replaceChildren(spec.info.description ?? '', ' ', el('a', { href: '/openapi.json' }, 'openapi.json'));
  const byTag = new Map((spec.tags ?? []).map((t) => [t.name, { tag: t, ops: [] }]));
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const name = op.tags?.[0] ?? 'other';
      if (!byTag.has(name)) byTag.set(name, { tag: { name }, ops: [] });
      byTag.get(name).ops.push(operation(path, method, op));
    }
  }
  const sections = [...byTag.values()].filter((g) => g.ops.length > 0).map((g) => [el('h2', {}, g.tag.name), g.tag.description ? el('p', {}, g.tag.description) : null, g.ops]);
  document.getElementById('operations').replaceChildren(...sections.flat(2).filter(Boolean));
}

main().catch((e) => {
  document.getElementById('intro').textContent = `Could not load /openapi.json: ${e}`;
});
