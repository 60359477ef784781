// The review scenario of issue 16 in headless Chromium (Debian's
// /usr/bin/chromium), driven by playwright-core with the keyboard only:
// the page lists the beads and the map; the filter under 0.7 shows the
// doubtful ones; merge two beads, undo, redo, split them back; link two
// null beads by hand; re-align the rest; the review file holds it all;
// a server restarted on the review file shows the edits; the exported TMX
// holds the pairs. Then the static report offline, and a review of
// 100,000 sentences (50,000 a side).
//
// Run by tests/browser.rs (cargo test), with URA_BIN (the ura binary),
// URA_DATA (the data folder) and URA_OUT (a folder for files and the
// screenshots, taken at 1280x800).
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = process.env.URA_BIN;
const dataDir = process.env.URA_DATA;
const out = process.env.URA_OUT;
assert.ok(bin && dataDir && out, 'URA_BIN, URA_DATA and URA_OUT must be set');
const en = path.join(dataDir, 'unhcr', 'en.txt');
const sq = path.join(dataDir, 'unhcr', 'sq.txt');
const reviewFile = path.join(out, 'unhcr.review.jsonl');
for (const f of fs.readdirSync(out)) fs.rmSync(path.join(out, f), { recursive: true, force: true });

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const servers = [];

/** Starts `ura review ARGS --no-open`; resolves with the process and URL. */
function serve(args) {
  const proc = spawn(bin, ['review', ...args, '--no-open'], { stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(proc);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: proc.stdout });
    lines.once('line', (url) => resolve({ proc, url: url.trim() }));
    proc.once('exit', (code) => reject(new Error('ura review exited with ' + code)));
  });
}

function stop(proc) {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) { resolve(); return; }
    proc.once('exit', resolve);
    proc.kill('SIGTERM');
  });
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ura-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: FLAGS,
  viewport: { width: 1280, height: 800 },
  acceptDownloads: true,
});
const shots = [];
async function shot(page, name) {
  const file = path.join(out, name + '.png');
  await page.screenshot({ path: file });
  shots.push(file);
}
const errors = [];
function watch(page) {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
}

const beadsOf = (page) => page.evaluate(() => window.Ura.app.model.beads.map((b) => b.slice()));
const versionOf = (page) => page.evaluate(() => window.Ura.app.model.version);
/** Presses `key` and waits for the change it makes to be saved. */
async function change(page, key) {
  const v = await versionOf(page);
  await page.keyboard.press(key);
  await page.waitForFunction((v) => window.Ura.app.model.version > v, v, { timeout: 20000 });
}
/** Moves the focus to bead k with the keyboard (Home, then j). */
async function focusBead(page, k) {
  await page.keyboard.press('Home');
  for (let i = 0; i < k; i++) await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => window.Ura.app.focus), k);
}
const spans = (beads) => beads.map((b) => b.slice(0, 4).join(','));
const isNull = (b) => (b[0] === b[1]) !== (b[2] === b[3]);

try {
  // --- the page lists the beads and the map ---------------------------
  let server = await serve([en, sq, '-o', reviewFile]);
  let page = await context.newPage();
  watch(page);
  await page.goto(server.url);
  await page.waitForSelector('.row');
  const original = await beadsOf(page);
  assert.ok(original.length > 40, 'the bundled pair has its beads');
  const rows = await page.locator('.row').count();
  assert.ok(rows > 5 && rows < original.length, `only the rows in view are in the page (${rows})`);
  const mapped = await page.evaluate(() => [...document.querySelectorAll('#map path')]
    .reduce((n, p) => n + (p.getAttribute('d') || '').split('M').length - 1, 0));
  assert.ok(mapped >= original.length, 'one mark per bead on the map');
  assert.match(await page.locator('#counts').innerText(), /beads .* pairs .* unaligned sentences .* below 0\.70 .* reviewed/);
  await shot(page, '01-start');

  // --- the filter under 0.7 -----------------------------------------
  await page.keyboard.press('f'); // doubtful
  await page.keyboard.press('f'); // below the threshold
  assert.equal(await page.locator('#filter').inputValue(), 'below');
  const listed = await page.evaluate(() => window.Ura.app.list.map((k) => window.Ura.app.model.beads[k][4]));
  const below = original.filter((b) => b[4] < 0.7 && !(b[5] & 1)).length;
  assert.ok(listed.length > 0 && listed.length === below, `the ${below} beads below 0.7 are listed`);
  assert.ok(listed.every((s) => s < 0.7));
  await shot(page, '02-below-0.7');
  for (let i = 0; i < 4; i++) await page.keyboard.press('f');
  assert.equal(await page.locator('#filter').inputValue(), 'all');

  // --- merge, undo, redo, split back ---------------------------------
  const k = original.findIndex((b, i) => i > 4 && b[1] - b[0] === 1 && b[3] - b[2] === 1 &&
    original[i + 1] && original[i + 1][1] - original[i + 1][0] === 1 && original[i + 1][3] - original[i + 1][2] === 1);
  assert.ok(k > 0, 'two 1-1 beads in a row');
  await focusBead(page, k);
  await change(page, 'm');
  let now = await beadsOf(page);
  assert.equal(now.length, original.length - 1);
  assert.deepEqual(now[k].slice(0, 4), [original[k][0], original[k + 1][1], original[k][2], original[k + 1][3]]);
  assert.equal(now[k][5] & 2, 2, 'marked edited');
  await shot(page, '03-merged');
  await change(page, 'Control+z');
  assert.deepEqual(spans(await beadsOf(page)), spans(original), 'undo gives the beads back');
  await change(page, 'Control+y');
  assert.equal((await beadsOf(page)).length, original.length - 1, 'redo merges again');
  await page.keyboard.press('s'); // split: 1 source and 1 target sentence in the first part
  await page.waitForSelector('#detail.splitting');
  await shot(page, '04-split');
  await change(page, 'Enter');
  now = await beadsOf(page);
  assert.deepEqual(spans(now), spans(original), 'split back where it was');
  assert.equal(now[k][5] & 2, 2);

  // --- a wrongly unaligned pair, linked by hand ------------------------
  const lone = now.findIndex((b, i) => isNull(b) && now[i + 1] && isNull(now[i + 1]) &&
    (b[0] === b[1]) !== (now[i + 1][0] === now[i + 1][1]));
  assert.ok(lone >= 0, 'two opposite null beads side by side');
  await focusBead(page, lone);
  await change(page, 'l');
  now = await beadsOf(page);
  const linked = now[lone].slice(0, 4);
  assert.ok(!isNull(now[lone]), 'linked');

  // --- re-align the rest -----------------------------------------------
  await change(page, 'Shift+R');
  now = await beadsOf(page);
  assert.ok(spans(now).includes(linked.join(',')), 'the linked bead stays');
  assert.ok(spans(now).includes(original[k].slice(0, 4).join(',')), 'the split beads stay');
  await focusBead(page, lone + 3);
  await change(page, ' '); // reviewed
  now = await beadsOf(page);
  assert.equal(now[lone + 3][5] & 1, 1);
  await shot(page, '05-realigned');

  // --- saved: the review file holds what the page shows ------------------
  const [head, ...rows2] = fs.readFileSync(reviewFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(head.version, await versionOf(page));
  assert.deepEqual(rows2.map((r) => [r.src_idx.length, r.tgt_idx.length, !!r.reviewed, !!r.edited]),
    now.map((b) => [b[1] - b[0], b[3] - b[2], (b[5] & 1) === 1, (b[5] & 2) === 2]));
  const saved = now;

  // --- restart on the review file ------------------------------------------
  await page.close();
  await stop(server.proc);
  server = await serve([reviewFile]);
  page = await context.newPage();
  watch(page);
  await page.goto(server.url);
  await page.waitForSelector('.row');
  assert.deepEqual(await beadsOf(page), saved, 'the edits are there after a restart');
  await focusBead(page, lone);
  await shot(page, '06-resumed');

  // --- export TMX, keyboard only -----------------------------------------
  await page.keyboard.press('e');
  await page.waitForSelector('dialog#export[open]');
  await shot(page, '07-export');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const tmxFile = path.join(out, 'exported.tmx');
  await download.saveAs(tmxFile);
  const tmx = fs.readFileSync(tmxFile, 'utf8');
  const segs = [...tmx.matchAll(/<seg>([\s\S]*?)<\/seg>/g)].map((m) => m[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  const model = await page.evaluate(() => ({ src: window.Ura.app.model.src.sentences, tgt: window.Ura.app.model.tgt.sentences }));
  const pairs = saved.filter((b) => b[0] < b[1] && b[2] < b[3])
    .map((b) => [model.src.slice(b[0], b[1]).join(' '), model.tgt.slice(b[2], b[3]).join(' ')]);
  assert.equal(segs.length, 2 * pairs.length, 'one unit per bead with both sides');
  for (let i = 0; i < pairs.length; i++) assert.deepEqual([segs[2 * i], segs[2 * i + 1]], pairs[i]);
  assert.match(tmx, /srclang="en"/);
  await page.keyboard.press('?');
  await page.waitForSelector('dialog#help[open]');
  await shot(page, '08-keys');
  await page.keyboard.press('Escape');
  await page.close();
  await stop(server.proc);

  // --- the static report, offline ------------------------------------------
  const report = path.join(out, 'report.html');
  execFileSync(bin, ['align', en, sq, '-o', report]);
  page = await context.newPage();
  watch(page);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await context.setOffline(true);
  await page.goto('file://' + report);
  await page.waitForSelector('.row');
  assert.deepEqual(requests, ['file://' + report], 'the report asks for nothing');
  assert.equal(await page.locator('#tools').isVisible(), false, 'no edit tools');
  await page.keyboard.press('n');
  await shot(page, '09-report');
  await context.setOffline(false);
  await page.close();

  // --- 100,000 sentences, 50,000 a side --------------------------------------
  const big = path.join(out, 'big.review.jsonl');
  const N = 50000;
  const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'theta'];
  const sentence = (i, lang) => `${lang} sentence ${i} says ${words[i % 8]} and ${words[(i * 7) % 8]} about item ${i * 3}.`;
  const src = Array.from({ length: N }, (_, i) => sentence(i, 'Source'));
  const tgt = Array.from({ length: N }, (_, i) => sentence(i, 'Target'));
  const paras = Array.from({ length: N }, (_, i) => Math.floor(i / 5));
  const lines = [JSON.stringify({ ura_review: 1, version: 0, src_lang: 'en', tgt_lang: 'sq', src, tgt,
    src_paragraphs: paras, tgt_paragraphs: paras })];
  for (let i = 0; i < N; i++) {
    lines.push(JSON.stringify({ src: src[i], tgt: tgt[i], src_idx: [i], tgt_idx: [i], score: (i % 13) / 12,
      bead: '1-1', reviewed: false, edited: false }));
  }
  fs.writeFileSync(big, lines.join('\n') + '\n');
  let t0 = Date.now();
  server = await serve([big]);
  page = await context.newPage();
  watch(page);
  await page.goto(server.url);
  await page.waitForSelector('.row');
  const loaded = Date.now() - t0;
  const bigRows = await page.locator('.row').count();
  assert.ok(bigRows < 60, `${bigRows} rows in the page for ${N} beads`);
  t0 = Date.now();
  await page.keyboard.press('End');
  await page.waitForFunction((n) => window.Ura.app.focus === n - 1 && document.getElementById('bead-' + (n - 1)), N);
  const toEnd = Date.now() - t0;
  t0 = Date.now();
  await page.keyboard.press('Home');
  await change(page, 'm');
  const merged = Date.now() - t0;
  t0 = Date.now();
  await page.keyboard.press('f');
  await page.keyboard.press('f');
  await page.waitForFunction(() => window.Ura.app.filter === 'below');
  const filtered = Date.now() - t0;
  await shot(page, '10-big');
  assert.ok((await page.locator('.row').count()) < 60);
  console.log(`${N} beads (${2 * N} sentences): page with rows in ${loaded} ms, End in ${toEnd} ms, a merge saved in ${merged} ms, ` +
    `the filter in ${filtered} ms (this machine, one run)`);
  await page.close();
  await stop(server.proc);

  assert.deepEqual(errors, [], 'no errors in the pages');
  console.log('screenshots:\n  ' + shots.join('\n  '));
} finally {
  for (const p of servers) if (p.exitCode === null) p.kill('SIGKILL');
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
