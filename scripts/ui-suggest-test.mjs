// The UI's actor suggestions, typed in headless Chromium through the DevTools protocol
// (Node 20's built-in WebSocket; no package needed):
//
//   node --experimental-websocket scripts/ui-suggest-test.mjs BASE_URL CASES_JSON OUTDIR
//
// CASES_JSON: [{"type": "Пашин", "expect": "pashinyan_nikol"}, …] — each case types the
// text into the search box one key at a time, waits for the list, checks that `expect` is
// among the suggestions, picks it with the arrow keys and Enter, and checks that its actor
// page opened. A case {"open": "#/actor/NAME", "candidates": ["key1", "key2"]} opens the
// page of a name several actors share and checks the list it shows. Screenshots go to
// OUTDIR. Exit status 1 when a case fails. CHROMIUM names the browser (/usr/bin/chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, casesJson, out] = process.argv.slice(2);
if (!base || !casesJson || !out) {
  console.error('usage: ui-suggest-test.mjs BASE_URL CASES_JSON OUTDIR');
  process.exit(2);
}
const cases = JSON.parse(casesJson);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const profile = mkdtempSync(join(tmpdir(), 'dyad-ui-'));
const port = 9300 + Math.floor(Math.random() * 500);
const browser = spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions',
  `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, '--window-size=1280,900',
  'about:blank',
], { stdio: 'ignore' });
const cleanup = () => { try { browser.kill(); } catch (_) {} rmSync(profile, { recursive: true, force: true }); };

let target = null;
for (let i = 0; i < 100 && !target; i++) {
  try {
    const list = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    target = list.find((t) => t.type === 'page');
  } catch (_) { await sleep(100); }
}
if (!target) { console.error('ui-suggest-test: FAIL: chromium did not start'); cleanup(); process.exit(2); }

const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((ok, bad) => { ws.onopen = ok; ws.onerror = bad; });
let seq = 0;
const waiting = new Map();
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && waiting.has(msg.id)) { waiting.get(msg.id)(msg); waiting.delete(msg.id); }
};
const send = (method, params = {}) => new Promise((ok) => {
  const id = ++seq;
  waiting.set(id, ok);
  ws.send(JSON.stringify({ id, method, params }));
});
const evaluate = async (expr) => {
  const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true });
  if (r.result && r.result.exceptionDetails) throw new Error(r.result.exceptionDetails.text);
  return r.result && r.result.result ? r.result.result.value : undefined;
};
const until = async (expr, ms = 5000) => {
  for (let t = 0; t < ms; t += 100) {
    if (await evaluate(expr)) return true;
    await sleep(100);
  }
  return false;
};
// a key pressed and let go; Enter carries its text, which is what submits a form
const key = async (k, code, keyCode, text) => {
  await send('Input.dispatchKeyEvent', { type: 'keyDown', key: k, code, windowsVirtualKeyCode: keyCode, text });
  await send('Input.dispatchKeyEvent', { type: 'keyUp', key: k, code, windowsVirtualKeyCode: keyCode });
};
const shot = async (name) => {
  const r = await send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(join(out, name + '.png'), Buffer.from(r.result.data, 'base64'));
};

await send('Page.enable');
await send('Runtime.enable');
let failed = 0, n = 0;
const report = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failed++; };

for (const c of cases) {
  n++;
  if (c.open) {
    await send('Page.navigate', { url: base.replace(/\/?$/, '/') + c.open });
    const ready = await until("document.getElementById('page')?.dataset.ready === '1'");
    const keys = await evaluate("[...document.querySelectorAll('.candidates li a')].map((a) => decodeURIComponent(a.getAttribute('href').replace('#/actor/', '')))");
    await shot(`${String(n).padStart(2, '0')}-candidates`);
    const want = c.candidates || [];
    report(ready && want.every((k) => (keys || []).includes(k)),
      `${c.open}: candidates ${JSON.stringify(keys)} (want ${JSON.stringify(want)})`);
    continue;
  }
  // a fresh load of the home page each time: nothing left of the case before
  await send('Page.navigate', { url: base.replace(/\/?$/, '/') + '?case=' + n + '#/' });
  await until("location.hash === '#/' && document.getElementById('page')?.dataset.page === 'home' && document.getElementById('page')?.dataset.ready === '1'");
  await evaluate("(() => { const i = document.querySelector('#quick-search input'); i.value = ''; i.focus(); })()");
  // one key at a time, as a person types
  for (const ch of c.type) {
    await send('Input.insertText', { text: ch });
    await sleep(40);
  }
  const shown = await until("!document.getElementById('suggestions').hidden && document.querySelectorAll('#suggestions li').length > 0");
  const keys = await evaluate("[...document.querySelectorAll('#suggestions li')].map((li) => li.dataset.key)") || [];
  await shot(`${String(n).padStart(2, '0')}-suggest`);
  const at = keys.indexOf(c.expect);
  if (!shown || at < 0) {
    report(false, `typed ${JSON.stringify(c.type)}: suggestions ${JSON.stringify(keys)} lack ${c.expect}`);
    continue;
  }
  for (let i = 0; i <= at; i++) await key('ArrowDown', 'ArrowDown', 40);
  await key('Enter', 'Enter', 13, '\r');
  const opened = await until(`location.hash === '#/actor/' + encodeURIComponent(${JSON.stringify(c.expect)}) && document.getElementById('page')?.dataset.page === 'actor' && document.getElementById('page')?.dataset.ready === '1' && !!document.querySelector('#page h1')`);
  const title = await evaluate("document.querySelector('#page h1')?.textContent || ''");
  await shot(`${String(n).padStart(2, '0')}-actor`);
  report(opened, `typed ${JSON.stringify(c.type)} → suggestions ${JSON.stringify(keys)} → chose ${c.expect} → page "${title}"`);
}
ws.close();
cleanup();
console.log(failed ? `ui-suggest-test: ${failed} of ${n} cases failed` : `ui-suggest-test: all ${n} cases ok`);
process.exit(failed ? 1 : 0);
