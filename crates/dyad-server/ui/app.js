'use strict';
// dyad web UI: a hash-routed single-page app over the JSON API of `dyad serve`.
// No framework and no build step. Every piece of data reaches the DOM through text nodes or
// setAttribute (see h() below), never through innerHTML, so nothing in the news can inject markup.
// Each page renders into the stable <main id="page">, whose data-page names the page and whose
// data-ready="1" (or data-error="1") tells a headless test that rendering has finished.

const SVGNS = 'http://www.w3.org/2000/svg';

// ---------------------------------------------------------------------------------------------
// DOM helpers

// h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, [more]) builds an element.
function h(tag, attrs, ...kids) { return build(document.createElement(tag), attrs, kids); }
// The same for SVG elements, which need their namespace.
function svg(tag, attrs, ...kids) { return build(document.createElementNS(SVGNS, tag), attrs, kids); }

function build(el, attrs, kids) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid == null || kid === false || kid === '') continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

const enc = encodeURIComponent;
function dec(s) { try { return decodeURIComponent(s); } catch (_) { return s; } }

// Builds '#/path?k=v' leaving out empty parameters.
function hashOf(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v != null && v !== '') qs.set(k, v);
  const q = qs.toString();
  return '#/' + path + (q ? '?' + q : '');
}
const actorHash = (key) => '#/actor/' + enc(key);
const dyadHash = (a, b, params) => hashOf('dyad/' + enc(a) + '/' + enc(b), params);
const docHash = (id, params) => hashOf('document/' + enc(id), params);

// Sets the hash, or re-runs the route when the hash is already that (a form submitted twice).
function go(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

// ---------------------------------------------------------------------------------------------
// API

class ApiError extends Error {
  // candidates: the actors an ambiguous name may stand for (a 300 answer)
  constructor(status, message, candidates) { super(message); this.status = status; this.candidates = candidates; }
}

// GET a JSON endpoint. Paths are relative ('api/…') so the UI also works behind a path prefix.
// The server's error body {"error":{"status","message"}} becomes an ApiError with that message.
async function api(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v != null && v !== '') qs.set(k, v);
  const url = path + (qs.toString() ? '?' + qs : '');
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, `cannot reach the server (${e.message})`);
  }
  let body = null;
  try { body = await res.json(); } catch (_) { /* not JSON: reported below */ }
  if (!res.ok || body == null || typeof body !== 'object') {
    const err = body && body.error;
    const msg = (err && err.message) || `${res.status} ${res.statusText || 'bad response'} from ${path}`;
    throw new ApiError((err && err.status) || res.status, msg, err && err.candidates);
  }
  return body;
}

// ---------------------------------------------------------------------------------------------
// Small formatting pieces shared by the pages

const num = (x) => (x == null ? '–' : Number(x).toLocaleString('en-US'));
function fmtScore(x) {
  if (x == null || Number.isNaN(Number(x))) return '–';
  const v = Number(x);
  return (v > 0 ? '+' : '') + v.toFixed(1);
}
// 'pos' | 'neg' | 'zero' for colouring a score or balance.
function tone(x, eps = 0.05) { return x > eps ? 'pos' : x < -eps ? 'neg' : 'zero'; }
function plural(n, word) { return `${num(n)} ${word}${n === 1 ? '' : 's'}`; }

// A date cut to its precision: a month-precise date is shown as 2025-10, not 2025-10-01.
function fmtDate(date, precision) {
  if (!date) return 'undated';
  if (precision === 'month') return date.slice(0, 7);
  if (precision === 'year') return date.slice(0, 4);
  return date;
}

function intParam(q, name, dflt) {
  const v = parseInt(q.get(name), 10);
  return Number.isFinite(v) && v > 0 ? v : dflt;
}

function partyLink(p) {
  if (!p) return null;
  const label = (p.name || p.key || '?') + (p.sector ? ` (${p.sector})` : '');
  const title = [p.key, p.country].filter(Boolean).join(' · ');
  const key = p.key || p.name;
  return key ? h('a', { href: actorHash(key), title, class: 'party' }, label) : h('span', { title }, label);
}

function parties(list) {
  if (!list || !list.length) return h('span', { class: 'muted' }, '—');
  return h('span', { class: 'parties' }, list.map((p, i) => [i ? ', ' : '', partyLink(p)]));
}

function errorBox(e) {
  const status = e && e.status ? `Error ${e.status}` : 'Error';
  return h('div', { class: 'error', role: 'alert' },
    h('strong', {}, status + ': '), (e && e.message) || String(e));
}

function pager(total, page, per, hashForPage) {
  const pages = Math.max(1, Math.ceil((total || 0) / per));
  if (pages <= 1) return null;
  const link = (p, label) => (p >= 1 && p <= pages
    ? h('a', { href: hashForPage(p) }, label)
    : h('span', { class: 'disabled' }, label));
  return h('nav', { class: 'pager' },
    link(page - 1, '← Prev'), h('span', {}, `Page ${page} of ${pages}`), link(page + 1, 'Next →'));
}

// A labelled input for the filter forms.
function field(label, name, value, attrs) {
  return h('label', { class: 'field' }, h('span', {}, label),
    h('input', Object.assign({ name, value: value || '' }, attrs || {})));
}

// Dates are typed as the API takes them (YYYY-MM-DD), not with a locale-dependent date picker;
// a bad one comes back as the server's 400 message.
const dateField = (label, name, value) => field(label, name, value, { placeholder: 'YYYY-MM-DD', size: 11 });

// A filter form: on submit, gathers its non-empty inputs and hands them to onParams.
function filterForm(fields, onParams, buttonLabel = 'Apply') {
  const form = h('form', { class: 'filters' }, fields, h('button', { type: 'submit' }, buttonLabel));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const params = {};
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) params[k] = String(v).trim();
    onParams(params);
  });
  return form;
}

// PLOVER event types, offered as suggestions in the events filter.
const PLOVER_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

// One event as a card: what happened, between whom, and each source's sentence telling it.
function eventCard(e, opts) {
  const a = (e.actor || [])[0], r = (e.recipient || [])[0];
  const loc = e.location;
  return h('article', { class: 'event tone-' + tone(e.score), 'data-event': e.event },
    h('div', { class: 'ev-head' },
      h('span', { class: 'date' }, fmtDate(e.date, e.date_precision)),
      h('a', { class: 'type', href: hashOf('events', { type: e.type }), title: 'all events of this type' }, e.type || '?'),
      e.mode && h('span', { class: 'mode' }, e.mode),
      e.aux && h('span', { class: 'badge aux', title: 'modality' }, e.aux),
      (e.contexts || []).map((c) => h('a', { class: 'tag', href: hashOf('events', { context: c }) }, c)),
      h('span', { class: 'spacer' }),
      h('span', { class: 'sources' }, plural(e.sources != null ? e.sources : (e.claims || []).length, 'source')),
      h('span', { class: 'score ' + tone(e.score), title: 'score' }, fmtScore(e.score))),
    h('div', { class: 'ev-parties' },
      parties(e.actor), h('span', { class: 'arrow' }, ' → '), parties(e.recipient),
      loc && h('span', { class: 'loc' }, ' in ', loc.name || '?', loc.country ? ` (${loc.country})` : ''),
      a && r && a.key && r.key && !(opts && opts.noDyadLink) && h('a', { class: 'dyad-link', href: dyadHash(a.key, r.key) }, 'timeline')),
    (e.claims || []).map((c) => h('div', { class: 'claim' },
      c.evidence && h('blockquote', {}, c.evidence),
      h('div', { class: 'claim-src' },
        c.doc ? h('a', { href: docHash(c.doc, { event: e.event }) }, c.title || c.doc) : (c.title || ''),
        [c.outlet, c.published].filter(Boolean).length ? ` — ${[c.outlet, c.published].filter(Boolean).join(', ')}` : '',
        c.claimed_by && h('span', { class: 'claimed-by' },
          ' · according to ', c.claimed_by.name || '?',
          c.claimed_by.country ? ` (${c.claimed_by.country})` : '')))),
    e.claims_total > (e.claims || []).length
      ? h('div', { class: 'claim muted' }, `… and ${plural(e.claims_total - e.claims.length, 'more telling')}`) : null);
}

function eventList(events, opts) {
  if (!events || !events.length) return h('p', { class: 'muted' }, 'No events.');
  return h('div', { class: 'events' }, events.map((e) => eventCard(e, opts)));
}

// ---------------------------------------------------------------------------------------------
// Pages. Each takes (path parts after the page name, URLSearchParams) and resolves to a node;
// it may also return {node, after} where after() runs once the node is in the document.

async function pageHome() {
  const st = await api('api/stats');
  const form = h('form', { class: 'big-search', role: 'search' },
    h('input', { type: 'search', name: 'q', placeholder: 'Search the news, e.g. визит, санкции…', 'aria-label': 'Search' }),
    h('button', { type: 'submit' }, 'Search'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = form.elements.q.value.trim();
    if (q) go(hashOf('search', { q }));
  });
  const stat = (label, n) => h('div', { class: 'stat' }, h('div', { class: 'n' }, num(n)), h('div', { class: 'l' }, label));
  return h('div', { class: 'home' },
    h('h1', {}, 'dyad'),
    h('p', { class: 'lead' }, 'International-relations events from Russian news: who did what to whom, when, where, and by whose account.'),
    form,
    h('div', { class: 'stats' },
      stat('documents', st.documents), stat('events', st.events), stat('entities', st.entities), stat('claims', st.claims)),
    h('div', { class: 'cards' },
      h('a', { class: 'card', href: '#/graph' }, h('strong', {}, 'Relations graph'), h('span', {}, 'Who deals with whom, coloured by cooperation and conflict.')),
      h('a', { class: 'card', href: '#/events' }, h('strong', {}, 'Events'), h('span', {}, 'Browse and filter events by type, country, context and date.'))));
}

// Wraps the words of the query found in a snippet in <mark>, using text nodes only.
function markTerms(text, query) {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t.length > 1);
  if (!terms.length || !text) return text || '';
  const lower = text.toLowerCase();
  const out = [];
  let i = 0;
  while (i < text.length) {
    let best = -1, len = 0;
    for (const t of terms) {
      const j = lower.indexOf(t, i);
      if (j >= 0 && (best < 0 || j < best)) { best = j; len = t.length; }
    }
    if (best < 0) break;
    out.push(text.slice(i, best), h('mark', {}, text.slice(best, best + len)));
    i = best + len;
  }
  out.push(text.slice(i));
  return out;
}

async function pageSearch(_, q) {
  const query = (q.get('q') || '').trim();
  const page = intParam(q, 'page', 1);
  const per = intParam(q, 'per_page', 20);
  const form = filterForm([field('Query', 'q', query, { type: 'search', autofocus: true, size: 40 })],
    (p) => p.q && go(hashOf('search', { q: p.q })), 'Search');
  if (!query) return h('div', {}, h('h1', {}, 'Search'), form);
  const r = await api('api/search', { q: query, page, per_page: per });
  const mk = (p) => hashOf('search', { q: query, page: p, per_page: per === 20 ? null : per });
  return h('div', {},
    h('h1', {}, 'Search'), form,
    h('p', { class: 'muted' }, `${plural(r.total, 'result')} for “${r.query || query}”`),
    h('ol', { class: 'results', start: (page - 1) * per + 1 }, (r.results || []).map((x) => h('li', {},
      h('a', { class: 'title', href: docHash(x.doc) }, x.title || x.doc),
      h('div', { class: 'meta' }, [x.published, x.outlet].filter(Boolean).join(' · '),
        x.score != null ? h('span', { class: 'muted' }, ` · score ${Number(x.score).toFixed(2)}`) : ''),
      h('p', { class: 'snippet' }, markTerms(x.snippet, query))))),
    pager(r.total, page, per, mk));
}

// One line of an actor list: a link to its page, its kind, state and mentions.
function actorLine(c) {
  return h('li', {},
    h('a', { href: actorHash(c.key) }, c.name || c.key),
    h('span', { class: 'muted' }, ' ' + [c.kind, c.country].filter(Boolean).join(', ') +
      ` · ${plural(c.mentions || 0, 'mention')}`));
}

async function pageActor([key]) {
  if (!key) throw new ApiError(400, 'no actor given');
  let d;
  try {
    d = await api('api/actors/' + enc(key));
  } catch (e) {
    // a name several actors go by: let the reader choose
    if (e.status !== 300 || !e.candidates) throw e;
    return h('div', { class: 'actor' },
      h('h1', {}, key),
      h('p', {}, e.message + ':'),
      h('ul', { class: 'candidates' }, e.candidates.map(actorLine)));
  }
  const a = d.actor || {};
  const qid = /^Q\d+$/.test(a.wikidata || '') ? a.wikidata : null;
  const offices = a.offices || [];
  const cps = d.counterparts || [];
  return h('div', { class: 'actor' },
    h('h1', {}, a.name || a.key || key),
    h('div', { class: 'facts' },
      a.kind && h('span', { class: 'badge kind kind-' + a.kind }, a.kind),
      a.key && h('span', { class: 'muted' }, 'key ', h('code', {}, a.key)),
      a.country && (a.country !== a.key
        ? h('span', {}, 'country ', h('a', { href: actorHash(a.country) }, a.country))
        : h('span', {}, 'country ', a.country)),
      qid && h('a', { href: 'https://www.wikidata.org/wiki/' + qid, rel: 'noopener', target: '_blank' }, 'Wikidata ' + qid),
      d.mentions != null && h('span', {}, plural(d.mentions, 'mention')),
      a.country && h('a', { href: hashOf('events', { country: a.country }) }, 'events of ' + a.country)),
    offices.length ? h('section', {},
      h('h2', {}, 'Offices'),
      h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Office'), h('th', {}, 'Of'), h('th', {}, 'From'), h('th', {}, 'To'))),
        h('tbody', {}, offices.map((o) => h('tr', {},
          h('td', {}, o.office || ''),
          h('td', {}, o.of ? h('a', { href: actorHash(o.of) }, o.of) : ''),
          h('td', {}, o.from || '?'), h('td', {}, o.to || 'present')))))) : null,
    h('section', {},
      h('h2', {}, 'Counterparts'),
      cps.length ? h('table', { class: 'grid' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Counterpart'), h('th', { class: 'r' }, 'Events'), h('th', { class: 'r' }, 'Balance'), h('th', {}, ''))),
        h('tbody', {}, cps.map((c) => h('tr', {},
          h('td', {}, h('a', { href: actorHash(c.key) }, c.name || c.key)),
          h('td', { class: 'r' }, num(c.events)),
          h('td', { class: 'r score ' + tone(c.balance) }, fmtScore(c.balance)),
          h('td', {}, h('a', { href: dyadHash(a.key || key, c.key) }, 'timeline →'))))))
        : h('p', { class: 'muted' }, 'No counterparts.')),
    h('section', {}, h('h2', {}, 'Recent events'), eventList(d.recent_events)));
}

// 'YYYY-MM' → month index, and back; used to lay months out evenly on the chart's time axis.
const monthIdx = (m) => { const r = /^(\d{4})-(\d{2})/.exec(m || ''); return r ? +r[1] * 12 + (+r[2] - 1) : null; };
const idxMonth = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

// A round upper bound for an axis (1, 2, 5 × 10^n).
function niceMax(x) {
  if (!(x > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

// Monthly bars: cooperation up in green, conflict down in red, the balance as a line with dots.
function monthChart(months) {
  months = (months || []).filter((m) => monthIdx(m.month) != null);
  if (!months.length) return h('p', { class: 'muted' }, 'No dated events to chart.');
  // Fill the months without events so the x axis runs evenly through time.
  const by = new Map(months.map((m) => [monthIdx(m.month), m]));
  const idxs = [...by.keys()].sort((x, y) => x - y);
  let keys = idxs;
  if (idxs[idxs.length - 1] - idxs[0] < 240) {
    keys = [];
    for (let i = idxs[0]; i <= idxs[idxs.length - 1]; i++) keys.push(i);
  }
  const rows = keys.map((i) => by.get(i) || { month: idxMonth(i), events: 0, cooperation: 0, conflict: 0, balance: 0 });
  const W = 960, H = 280, L = 48, R = 12, T = 14, B = 40;
  const top = niceMax(Math.max(...rows.map((m) => Math.max(Math.abs(m.cooperation || 0), Math.abs(m.conflict || 0), Math.abs(m.balance || 0)))));
  const half = (H - T - B) / 2, y0 = T + half;
  const y = (v) => y0 - (v / top) * half;
  const step = (W - L - R) / rows.length;
  const bw = Math.max(2, Math.min(36, step * 0.6));
  const cx = (i) => L + step * (i + 0.5);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': 'monthly cooperation and conflict' });
  // Horizontal grid with labels at ±top, ±top/2 and 0.
  for (const v of [top, top / 2, 0, -top / 2, -top]) {
    g.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v === 0 ? 'axis' : 'gridline' }),
      svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, v === 0 ? '0' : (v > 0 ? '+' : '') + +v.toFixed(1)));
  }
  const every = Math.max(1, Math.ceil(56 / step)); // keep x labels at least ~56 units apart
  rows.forEach((m, i) => {
    const coop = Math.abs(m.cooperation || 0), conf = Math.abs(m.conflict || 0);
    const tip = `${m.month}: ${plural(m.events || 0, 'event')}, cooperation ${fmtScore(coop)}, conflict ${fmtScore(-conf)}, balance ${fmtScore(m.balance || 0)}`;
    g.append(svg('g', { class: 'bar' }, svg('title', {}, tip),
      svg('rect', { x: cx(i) - step / 2, y: T, width: step, height: H - T - B, class: 'hover' }),
      coop > 0 && svg('rect', { x: cx(i) - bw / 2, y: y(coop), width: bw, height: y0 - y(coop), class: 'coop' }),
      conf > 0 && svg('rect', { x: cx(i) - bw / 2, y: y0, width: bw, height: y(-conf) - y0, class: 'conf' })));
    if (i % every === 0) g.append(svg('text', { x: cx(i), y: H - B + 16, 'text-anchor': 'middle', class: 'tick' }, m.month));
  });
  const pts = rows.map((m, i) => `${cx(i)},${y(m.balance || 0)}`).join(' ');
  g.append(svg('polyline', { points: pts, class: 'balance' }));
  rows.forEach((m, i) => m.events && g.append(svg('circle', { cx: cx(i), cy: y(m.balance || 0), r: 3.5, class: 'balance-dot' })));
  const legend = h('div', { class: 'legend' },
    h('span', { class: 'sw coop' }), 'cooperation', h('span', { class: 'sw conf' }), 'conflict',
    h('span', { class: 'sw bal' }), 'balance');
  return h('figure', { class: 'chart-box' }, g, legend);
}

async function pageDyad([a, b], q) {
  if (!a || !b) throw new ApiError(400, 'a dyad needs two actors: #/dyad/A/B');
  const from = q.get('from') || '', to = q.get('to') || '';
  const page = intParam(q, 'page', 1), per = intParam(q, 'per_page', 50);
  const d = await api('api/dyad', { a, b, from, to, page, per_page: per });
  const A = d.a || { key: a }, B = d.b || { key: b };
  const months = d.months || [];
  const sum = (k) => months.reduce((s, m) => s + Math.abs(m[k] || 0), 0);
  const form = filterForm([
    dateField('From', 'from', from), dateField('To', 'to', to)],
  (p) => go(dyadHash(a, b, p)));
  return h('div', { class: 'dyad' },
    h('h1', {}, partyLink(A), h('span', { class: 'arrow' }, ' ⇄ '), partyLink(B)),
    h('div', { class: 'facts' },
      h('span', {}, plural(d.total, 'event')),
      h('span', { class: 'score ' + tone(sum('cooperation')) }, 'cooperation ' + fmtScore(sum('cooperation'))),
      h('span', { class: 'score ' + tone(-sum('conflict')) }, 'conflict ' + fmtScore(-sum('conflict'))),
      h('span', { class: 'score ' + tone(sum('cooperation') - sum('conflict')) }, 'balance ' + fmtScore(sum('cooperation') - sum('conflict'))),
      h('a', { href: dyadHash(b, a, { from, to }) }, 'swap')),
    form,
    monthChart(months),
    h('h2', {}, 'Timeline'),
    eventList(d.events, { noDyadLink: true }), // already on the dyad's timeline
    pager(d.total, page, per, (p) => dyadHash(a, b, { from, to, page: p })));
}

async function pageEvents(_, q) {
  const keys = ['type', 'country', 'context', 'from', 'to'];
  const f = Object.fromEntries(keys.map((k) => [k, q.get(k) || '']));
  const page = intParam(q, 'page', 1), per = intParam(q, 'per_page', 50);
  const r = await api('api/events', Object.assign({}, f, { page, per_page: per }));
  const form = filterForm([
    field('Type', 'type', f.type, { list: 'plover-types', size: 10, placeholder: 'CONSULT' }),
    h('datalist', { id: 'plover-types' }, PLOVER_TYPES.map((t) => h('option', { value: t }))),
    field('Country', 'country', f.country, { size: 6, placeholder: 'AZE' }),
    field('Context', 'context', f.context, { size: 10, placeholder: 'military' }),
    dateField('From', 'from', f.from), dateField('To', 'to', f.to)],
  (p) => go(hashOf('events', p)));
  return h('div', {},
    h('h1', {}, 'Events'), form,
    // past 1,000 matches the API stops counting (total_exact false): say so, and let the
    // pager go one page further than the page shown
    h('p', { class: 'muted' },
      r.total_exact === false ? `more than ${num(r.total)} events` : plural(r.total, 'event')),
    eventList(r.events),
    pager(r.total_exact === false ? Math.max(r.total, (page + 1) * per) : r.total, page, per,
      (p) => hashOf('events', Object.assign({}, f, { page: p }))));
}

// ---------------------------------------------------------------------------------------------
// Relations graph: a Fruchterman–Reingold layout computed once, then drawn as SVG.

const GRAV = 0.2; // tuned by eye on a 12-node and a 100-node graph
function layoutGraph(nodes, edges, W, H) {
  const n = nodes.length;
  // Deterministic start (a sunflower spiral, bigger nodes in the middle) so the picture is
  // the same on every load.
  const order = nodes.map((_, i) => i).sort((i, j) => (nodes[j].events || 0) - (nodes[i].events || 0));
  const x = new Float64Array(n), y = new Float64Array(n);
  order.forEach((i, rank) => {
    const ang = rank * 2.39996, rad = 12 * Math.sqrt(rank + 0.5);
    x[i] = Math.cos(ang) * rad; y[i] = Math.sin(ang) * rad;
  });
  const index = new Map(nodes.map((nd, i) => [nd.key, i]));
  const E = edges.map((e) => [index.get(e.source), index.get(e.target), e.events || 1])
    .filter(([s, t]) => s != null && t != null && s !== t);
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.55; // ideal edge length
  const far2 = 16 * k * k;
  const iters = 300;
  let temp = W / 8;
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let it = 0; it < iters; it++) {
    dx.fill(0); dy.fill(0);
    // Repulsion between every pair: k²/d.
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j], ey = y[i] - y[j];
        let d2 = ex * ex + ey * ey;
        if (d2 > far2) continue; // beyond 4k: lets separate components settle side by side
        if (d2 < 0.01) { ex = 0.1 * (i - j); ey = 0.1; d2 = ex * ex + ey * ey; }
        const f = (k * k) / d2; // (k²/d) along the unit vector (ex/d)
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    // Springs along edges: d²/k, a little stronger for busier dyads.
    for (const [s, t, w] of E) {
      const ex = x[s] - x[t], ey = y[s] - y[t];
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const f = (d / k) * (1 + Math.log(w) * 0.3);
      dx[s] -= ex * f; dy[s] -= ey * f; dx[t] += ex * f; dy[t] += ey * f;
    }
    // Weak gravity toward the centre pulls isolated nodes and small components back in view.
    for (let i = 0; i < n; i++) { dx[i] -= x[i] * GRAV; dy[i] -= y[i] * GRAV; }
    // Move each node at most `temp`, which cools linearly to zero.
    for (let i = 0; i < n; i++) {
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const m = Math.min(d, temp);
      x[i] += (dx[i] / d) * m; y[i] += (dy[i] / d) * m;
    }
    temp = (W / 8) * (1 - (it + 1) / iters) + 0.5;
  }
  // Fit into the drawing box, leaving room for labels.
  const pad = 60;
  const [x0, x1] = [Math.min(...x), Math.max(...x)], [y0, y1] = [Math.min(...y), Math.max(...y)];
  const sx = (W - 2 * pad) / Math.max(1, x1 - x0), sy = (H - 2 * pad) / Math.max(1, y1 - y0);
  return nodes.map((_, i) => ({
    x: n === 1 ? W / 2 : pad + (x[i] - x0) * sx,
    y: n === 1 ? H / 2 : pad + (y[i] - y0) * sy,
  }));
}

// Edge colour: the mean score per event decides, so a busy dyad with a small net balance is grey.
function edgeTone(e) {
  const mean = (e.balance || 0) / Math.max(1, e.events || 1);
  return mean > 0.5 ? 'pos' : mean < -0.5 ? 'neg' : 'zero';
}

function drawGraph(g) {
  const nodes = g.nodes || [], edges = g.edges || [];
  if (!nodes.length) return h('p', { class: 'muted' }, 'No relations in this range.');
  const W = 1200, H = 620; // fits a 1280×900 window under the form
  const pos = layoutGraph(nodes, edges, W, H);
  const at = new Map(nodes.map((nd, i) => [nd.key, pos[i]]));
  const name = new Map(nodes.map((nd) => [nd.key, nd.name || nd.key]));
  const maxN = Math.max(1, ...nodes.map((nd) => nd.events || 0));
  const maxE = Math.max(1, ...edges.map((e) => e.events || 0));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'graph', role: 'img', 'aria-label': 'relations graph' });
  const eg = svg('g', { class: 'edges' }), ng = svg('g', { class: 'nodes' });
  // Thin edges drawn first, so the heavy ones lie on top.
  [...edges].sort((p, q) => (p.events || 0) - (q.events || 0)).forEach((e) => {
    const s = at.get(e.source), t = at.get(e.target);
    if (!s || !t || e.source === e.target) return;
    const w = 1 + 6 * Math.sqrt((e.events || 0) / maxE);
    const line = { x1: s.x, y1: s.y, x2: t.x, y2: t.y };
    eg.append(svg('a', { href: dyadHash(e.source, e.target), class: 'edge ' + edgeTone(e) },
      svg('title', {}, `${name.get(e.source)} – ${name.get(e.target)}: ${plural(e.events || 0, 'event')}, ` +
        `cooperation ${fmtScore(e.cooperation)}, conflict ${fmtScore(e.conflict)}, balance ${fmtScore(e.balance)}`),
      svg('line', Object.assign({ class: 'hit' }, line)),
      svg('line', Object.assign({ class: 'stroke', 'stroke-width': w.toFixed(1) }, line))));
  });
  nodes.forEach((nd, i) => {
    const p = pos[i], r = 5 + 15 * Math.sqrt((nd.events || 0) / maxN);
    ng.append(svg('a', { href: actorHash(nd.key), class: 'node kind-' + (nd.kind || 'X') },
      svg('title', {}, `${nd.name || nd.key} (${nd.key}${nd.kind ? ', ' + nd.kind : ''}): ${plural(nd.events || 0, 'event')}`),
      svg('circle', { cx: p.x, cy: p.y, r: r.toFixed(1) }),
      svg('text', { x: p.x, y: p.y + r + 13, 'text-anchor': 'middle' }, nd.name || nd.key)));
  });
  root.append(eg, ng);
  return root;
}

async function pageGraph(_, q) {
  const f = {
    from: q.get('from') || '', to: q.get('to') || '',
    min_events: q.get('min_events') || '', limit: q.get('limit') || '',
  };
  const g = await api('api/graph', { from: f.from, to: f.to, min_events: f.min_events || 1, limit: f.limit || 150 });
  const form = filterForm([
    dateField('From', 'from', f.from), dateField('To', 'to', f.to),
    field('Min events', 'min_events', f.min_events, { type: 'number', min: 1, placeholder: '1', class: 'narrow' }),
    field('Max nodes', 'limit', f.limit, { type: 'number', min: 2, placeholder: '150', class: 'narrow' })],
  (p) => go(hashOf('graph', p)));
  return h('div', { class: 'graph-page' },
    h('h1', {}, 'Relations graph'), form,
    h('p', { class: 'muted' }, `${plural((g.nodes || []).length, 'actor')}, ${plural((g.edges || []).length, 'relation')}. ` +
      'Click an actor for its page, a line for the dyad timeline.'),
    h('div', { class: 'legend' },
      h('span', { class: 'sw coop' }), 'mostly cooperation', h('span', { class: 'sw conf' }), 'mostly conflict',
      h('span', { class: 'sw neutral' }), 'mixed / neutral', ' · node size: events, line width: events'),
    drawGraph(g));
}

// ---------------------------------------------------------------------------------------------
// Document page: the text with mentions and evidence marked.

// Splits text at every mention and evidence boundary. Each piece gets the innermost mention
// covering it (colour by type, title = canonical names) and the events whose evidence covers it
// (data-ev="0 3", so a side-list click can find and flash all pieces of one event's evidence).
// offset: where the part of the text shown starts in the whole text (offsets are the whole's)
function markedText(text, entities, events, offset = 0) {
  const len = text.length;
  const clamp = (v) => Math.max(0, Math.min(len, (Number(v) | 0) - offset));
  const spans = [];
  for (const ent of entities) {
    for (const m of ent.mentions || []) spans.push({ s: clamp(m.start), e: clamp(m.end), ent });
  }
  events.forEach((ev, i) => {
    [ev.evidence, ...(ev.more_evidence || [])].forEach((sp, j) => {
      if (sp) spans.push({ s: clamp(sp.start), e: clamp(sp.end), ev: i, main: j === 0 });
    });
  });
  const good = spans.filter((sp) => sp.s < sp.e);
  const cuts = [...new Set([0, len, ...good.flatMap((sp) => [sp.s, sp.e])])].sort((p, q) => p - q);
  const box = h('div', { class: 'doc-text' });
  for (let c = 0; c + 1 < cuts.length; c++) {
    const a = cuts[c], b = cuts[c + 1];
    const cover = good.filter((sp) => sp.s <= a && sp.e >= b);
    let node = document.createTextNode(text.slice(a, b));
    const ments = cover.filter((sp) => sp.ent).sort((p, q) => (p.e - p.s) - (q.e - q.s));
    if (ments.length) {
      const ent = ments[0].ent;
      const type = /^[A-Z]+$/.test(ent.type || '') ? ent.type : 'X';
      const title = ments.map((sp) => `${sp.ent.name || '?'} (${[sp.ent.type, sp.ent.key].filter(Boolean).join(', ')})`).join(' ⊂ ');
      node = ent.key
        ? h('a', { class: 'ent ent-' + type, title, href: actorHash(ent.key) }, node)
        : h('span', { class: 'ent ent-' + type, title }, node);
    }
    const evs = cover.filter((sp) => sp.ev != null);
    if (evs.length) {
      const ids = [...new Set(evs.map((sp) => sp.ev))].join(' ');
      node = h('span', { class: evs.some((sp) => sp.main) ? 'evid' : 'evid more', 'data-ev': ids }, node);
    }
    box.append(node);
  }
  return box;
}

async function pageDocument([id], q) {
  if (!id) throw new ApiError(400, 'no document given');
  // a long text comes a part at a time (#/document/ID?from=N)
  const from = intParam(q, 'from', 0);
  const d = await api('api/documents/' + enc(id), { from: from || null });
  const text = d.text || '';
  const entities = d.entities || [], events = d.events || [];
  const body = markedText(text, entities, events, d.text_from || 0);
  const total = d.text_chars || text.length, start = d.text_from || 0, end = start + text.length;
  const partHash = (f) => hashOf('document/' + enc(id), f ? { from: f } : {});
  const parts = total > text.length ? h('p', { class: 'parts muted' },
    `Characters ${num(start + 1)}–${num(end)} of ${num(total)}. `,
    start > 0 ? h('a', { href: partHash(Math.max(0, start - text.length)) }, '← previous part') : null,
    start > 0 && end < total ? ' · ' : null,
    end < total ? h('a', { href: partHash(end) }, 'next part →') : null) : null;
  const items = [];
  // Scrolls to an event's evidence and flashes it; the animation restarts on every click.
  const flash = (i) => {
    const els = body.querySelectorAll(`[data-ev~="${i}"]`);
    body.querySelectorAll('.flash').forEach((el) => el.classList.remove('flash'));
    items.forEach((li, j) => li.classList.toggle('active', j === i));
    if (!els.length) return;
    void body.offsetWidth; // restart the CSS animation
    els.forEach((el) => el.classList.add('flash'));
    els[0].scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  const names = (ps) => (ps || []).map((p) => p.name || p.key).join(', ') || '—';
  events.forEach((ev, i) => items.push(h('li', {
    class: 'tone-' + tone(ev.score), tabindex: 0, role: 'button',
    title: ev.evidence ? 'show the evidence in the text' : 'no evidence offsets',
    onclick: () => flash(i), onkeydown: (k) => { if (k.key === 'Enter') flash(i); },
  },
  h('div', {}, h('span', { class: 'type' }, ev.type || '?'), ev.mode && h('span', { class: 'mode' }, ev.mode),
    ev.aux && h('span', { class: 'badge aux' }, ev.aux),
    h('span', { class: 'score ' + tone(ev.score) }, fmtScore(ev.score))),
  h('div', {}, names(ev.actor), ' → ', names(ev.recipient)),
  h('div', { class: 'muted' }, fmtDate(ev.date, ev.date_precision)))));
  const typeCount = {};
  entities.forEach((e) => { typeCount[e.type] = (typeCount[e.type] || 0) + 1; });
  const side = h('aside', { class: 'doc-side' },
    h('h2', {}, 'Events'),
    items.length ? h('ol', { class: 'doc-events' }, items) : h('p', { class: 'muted' }, 'No events in this document.'),
    h('h2', {}, 'Entities'),
    h('div', { class: 'legend' }, ['PER', 'ORG', 'GPE', 'LOC'].map((t) =>
      h('span', { class: 'ent ent-' + t }, `${t} ${typeCount[t] || 0}`))),
    h('ul', { class: 'doc-entities' }, entities.map((e) => h('li', {},
      h('span', { class: 'ent ent-' + (/^[A-Z]+$/.test(e.type || '') ? e.type : 'X') }, e.type || '?'), ' ',
      e.key ? h('a', { href: actorHash(e.key) }, e.name || e.key) : (e.name || '?'),
      h('span', { class: 'muted' }, ` ×${(e.mentions || []).length}`)))));
  const node = h('div', { class: 'document' },
    h('h1', {}, d.title || '(untitled)'),
    h('div', { class: 'facts' },
      d.published && h('span', {}, d.published), d.outlet && h('span', {}, d.outlet),
      (d.via || []).length ? h('span', {}, 'via ' + d.via.join(', ')) : null,
      d.input && h('span', { class: 'muted' }, h('code', {}, d.input))),
    parts,
    h('div', { class: 'doc-layout' }, h('article', {}, body, parts && parts.cloneNode(true)), side));
  // A link from an event's claim (#/document/ID?event=17) opens the page on that event's evidence.
  const want = q.get('event');
  const after = () => {
    const i = events.findIndex((ev) => want != null && String(ev.event) === want);
    if (i >= 0) flash(i);
  };
  return { node, after };
}

// ---------------------------------------------------------------------------------------------
// Router

const ROUTES = {
  '': ['home', pageHome], search: ['search', pageSearch], actor: ['actor', pageActor],
  dyad: ['dyad', pageDyad], graph: ['graph', pageGraph], events: ['events', pageEvents],
  document: ['document', pageDocument],
};

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const qi = raw.indexOf('?');
  const path = qi < 0 ? raw : raw.slice(0, qi);
  // Split before decoding so that a key containing an encoded '/' stays one part.
  const parts = path.split('/').filter(Boolean).map(dec);
  return { parts, query: new URLSearchParams(qi < 0 ? '' : raw.slice(qi + 1)) };
}

let routeSeq = 0; // a page whose data arrives after the user has moved on must not render

async function route() {
  const seq = ++routeSeq;
  const { parts, query } = parseHash();
  const def = ROUTES[parts[0] || ''];
  const page = document.getElementById('page');
  const name = def ? def[0] : 'notfound';
  page.dataset.page = name;
  delete page.dataset.ready;
  delete page.dataset.error;
  page.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('current', a.dataset.nav === name));
  try {
    if (!def) throw new ApiError(404, `no such page: ${location.hash}`);
    const out = await def[1](parts.slice(1), query);
    if (seq !== routeSeq) return;
    const node = out instanceof Node ? out : out.node;
    page.replaceChildren(node);
    const h1 = node.querySelector && node.querySelector('h1');
    document.title = (h1 && name !== 'home' ? h1.textContent + ' — ' : '') + 'dyad';
    window.scrollTo(0, 0);
    if (out.after) out.after();
    page.dataset.ready = '1';
  } catch (e) {
    if (seq !== routeSeq) return;
    console.error(e);
    page.replaceChildren(h('h1', {}, 'Something went wrong'), errorBox(e),
      h('p', {}, h('a', { href: '#/' }, '← Home')));
    document.title = 'Error — dyad';
    page.dataset.error = '1';
  }
}

// The search box suggests actors whose names begin with what is typed (GET api/actors?q=):
// arrows move through them, Enter opens the one chosen (else searches the news), Escape closes.
function suggestActors(form) {
  const input = form.elements.q;
  const list = h('ul', { class: 'suggest', id: 'suggestions', role: 'listbox', hidden: '' });
  form.append(list);
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('aria-controls', 'suggestions');
  let timer = null, seq = 0, chosen = -1;
  const items = () => [...list.querySelectorAll('li')];
  const close = () => { list.hidden = true; list.replaceChildren(); chosen = -1; };
  const mark = (i) => {
    chosen = i;
    items().forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
  };
  const fetchFor = async (q) => {
    const mine = ++seq;
    let r;
    try { r = await api('api/actors', { q, limit: 8 }); } catch (_) { return; }
    if (mine !== seq || input.value.trim() !== q) return; // typed on meanwhile
    const actors = r.actors || [];
    if (!actors.length) { close(); return; }
    list.replaceChildren(...actors.map((c) => {
      const li = actorLine(c);
      li.setAttribute('role', 'option');
      li.dataset.key = c.key;
      // mousedown, not click: the input's blur must not close the list first
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); close(); go(actorHash(c.key)); });
      return li;
    }));
    chosen = -1;
    list.hidden = false;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { seq++; close(); return; }
    timer = setTimeout(() => fetchFor(q), 150);
  });
  input.addEventListener('keydown', (ev) => {
    const n = items().length;
    if (list.hidden || !n) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); mark((chosen + 1) % n); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); mark((chosen - 1 + n) % n); }
    else if (ev.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const li = items()[chosen];
    const q = input.value.trim();
    close();
    if (li) go(actorHash(li.dataset.key));
    else if (q) go(hashOf('search', { q }));
  });
}

function init() {
  const qs = document.getElementById('quick-search');
  if (qs) suggestActors(qs);
  window.addEventListener('hashchange', route);
  route();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
