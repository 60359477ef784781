// ura review — the page: loads the review (from the server, or from the
// data inside a report), wires the filter, search, map, keyboard and
// edit buttons, and sends each edit to the server, which checks it, saves
// it, and answers with the change (or says why not).
(function (Ura) {
  'use strict';
  const Model = Ura.Model;
  const $ = (id) => document.getElementById(id);

  const app = {
    model: null,
    list: [],
    focus: 0, // a bead index
    filter: 'all',
    query: '',
    split: null, // { src, tgt, side } while choosing a split
    busy: false,
    stale: false,
  };
  Ura.app = app;

  function status(text, kind) {
    const s = $('status');
    s.textContent = text;
    s.className = kind || '';
  }

  // ---- showing --------------------------------------------------------

  /** Rebuilds the list for the filter and search, keeping the focus;
   * redraws the map when the beads have changed. */
  function relist(beadsChanged) {
    app.list = app.model.list(app.filter, app.query);
    const pos = Ura.lowerBound(app.list, app.focus);
    if (app.list.length && app.list[pos] !== app.focus) {
      app.focus = app.list[Math.min(pos, app.list.length - 1)];
    }
    app.table.set(app.model, app.list, app.focus, app.query);
    if (beadsChanged) app.map.set(app.model, app.list);
    else app.map.setList(app.list);
    showFocus();
    showCounts();
  }

  function showCounts() {
    const c = app.model.counts();
    const t = app.model.threshold.toFixed(2);
    const p = $('counts');
    p.replaceChildren();
    const part = (n, text) => { p.append(Ura.el('b', '', String(n)), ' ' + text); };
    part(c.beads, 'beads · ');
    part(c.pairs, 'pairs · ');
    part(c.lone, 'unaligned sentences · ');
    part(c.below, 'below ' + t + ' · ');
    part(c.reviewed, 'reviewed');
    if (app.list.length !== c.beads) p.append(' — ' + app.list.length + ' listed');
    $('undo').disabled = !app.model.canUndo;
    $('redo').disabled = !app.model.canRedo;
  }

  function showFocus() {
    const pos = app.list.indexOf(app.focus);
    if (pos >= 0) app.table.reveal(pos);
    app.table.focus = app.focus;
    app.table.render();
    app.map.show(pos >= 0 ? app.focus : -1);
    app.detail.show(app.model, pos >= 0 ? app.focus : -1, app.split);
    const vp = $('viewport');
    if (pos >= 0) vp.setAttribute('aria-activedescendant', 'bead-' + app.focus);
    else vp.removeAttribute('aria-activedescendant');
  }

  /** Moves the focus by `delta` places in the list. */
  function step(delta) {
    if (!app.list.length) return;
    let pos = app.list.indexOf(app.focus);
    if (pos < 0) pos = Ura.lowerBound(app.list, app.focus);
    pos = Math.max(0, Math.min(app.list.length - 1, pos + delta));
    app.focus = app.list[pos];
    app.split = null;
    showFocus();
  }

  /** Focuses the next (dir 1) or previous (dir -1) doubtful bead. */
  function nextDoubtful(dir) {
    const beads = app.model.beads;
    for (let k = app.focus + dir; k >= 0 && k < beads.length; k += dir) {
      if (app.model.isDoubtful(beads[k])) {
        if (app.list.indexOf(k) < 0) { setFilter('all'); }
        app.focus = k;
        app.split = null;
        showFocus();
        return;
      }
    }
    status(dir > 0 ? 'No doubtful bead after this one.' : 'No doubtful bead before this one.');
  }

  function pick(k) {
    app.focus = k;
    app.split = null;
    showFocus();
    $('viewport').focus({ preventScroll: true });
  }

  function setFilter(f) {
    app.filter = f;
    $('filter').value = f;
    relist();
  }

  // ---- changing -------------------------------------------------------

  /** Sends a change to the server; applies its answer. */
  async function send(path, body, then) {
    if (!app.model.editable) return;
    if (app.stale) { status('This page is out of date: reload it (F5) to go on.', 'error'); return; }
    if (app.busy) return;
    app.busy = true;
    document.body.style.cursor = 'progress';
    try {
      const resp = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(Object.assign({ version: app.model.version }, body)),
      });
      const answer = await resp.json().catch(() => ({ error: 'the server sent no answer (' + resp.status + ')' }));
      if (!resp.ok) {
        if (resp.status === 409) app.stale = true;
        status('Not done: ' + (answer.error || resp.statusText), 'error');
        return;
      }
      app.model.apply(answer);
      app.model.folded = null;
      app.split = null;
      if (then) then(answer);
      relist(true);
      status('Saved (change ' + answer.version + ').', 'ok');
    } catch (e) {
      status('Not done: the server cannot be reached (' + e.message + '). Is ura review still running?', 'error');
    } finally {
      app.busy = false;
      document.body.style.cursor = '';
    }
  }

  function edit(op, extra, then) {
    const e = Object.assign({ op: op, bead: app.focus }, extra || {});
    return send('/api/edit', { edit: e }, then || ((a) => { app.focus = a.at; }));
  }

  /** What each tool button and shortcut does. */
  const acts = {
    merge_next: () => edit('merge_next'),
    merge_prev: () => edit('merge_prev'),
    split: () => startSplit(),
    move_first_src: () => edit('move_first', { side: 'src' }, keepFocus),
    move_last_src: () => edit('move_last', { side: 'src' }, keepFocus),
    move_first_tgt: () => edit('move_first', { side: 'tgt' }, keepFocus),
    move_last_tgt: () => edit('move_last', { side: 'tgt' }, keepFocus),
    unlink: () => edit('unlink'),
    link: () => edit('link'),
    review: () => toggleReviewed(false),
  };

  /** After a move: the same bead, where it still is. */
  function keepFocus(a) {
    app.focus = Math.min(app.focus, Math.max(0, app.model.beads.length - 1));
    if (a.remove > a.beads.length && app.focus > a.at) app.focus = a.at;
  }

  function toggleReviewed(andNext) {
    const b = app.model.beads[app.focus];
    if (!b) return;
    const reviewed = !Model.isReviewed(b) || andNext;
    if (andNext && Model.isReviewed(b)) { step(1); return; }
    const k = app.focus;
    edit('review', { reviewed: reviewed }, () => {
      app.focus = k;
      if (andNext) {
        const pos = Ura.lowerBound(app.list, k);
        const nextK = app.list[pos + 1];
        if (nextK !== undefined) app.focus = nextK;
      }
    });
  }

  function startSplit() {
    const b = app.model.beads[app.focus];
    if (!b) return;
    const n = b[1] - b[0], m = b[3] - b[2];
    if (n + m < 2) { status('Not done: a bead of one sentence cannot be split.', 'error'); return; }
    app.split = { src: Math.min(1, n), tgt: Math.min(1, m), side: n > 1 || m === 0 ? 'src' : 'tgt' };
    if (n === 1 && m === 1) app.split = { src: 1, tgt: 0, side: 'tgt' };
    showFocus();
  }

  function moveCut(delta) {
    const b = app.model.beads[app.focus];
    const side = app.split.side;
    const len = side === 'src' ? b[1] - b[0] : b[3] - b[2];
    app.split[side] = Math.max(0, Math.min(len, app.split[side] + delta));
    showFocus();
  }

  function doSplit() {
    const s = app.split;
    edit('split', { src_at: s.src, tgt_at: s.tgt });
  }

  function exportNow(ev) {
    if (ev) ev.preventDefault();
    const format = $('export-format').value;
    const scope = document.querySelector('input[name="scope"]:checked').value;
    const min = Number($('export-min').value) || 0;
    const a = document.createElement('a');
    a.href = '/api/export?format=' + encodeURIComponent(format) + '&scope=' + scope + '&min=' + min;
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
    $('export').close();
    status('Export of ' + format.toUpperCase() + ' started (your browser saves it).', 'ok');
  }

  async function quit() {
    try {
      await fetch('/api/quit', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    } catch (e) { /* it stops either way */ }
    const cover = Ura.el('div', '', 'ura review has stopped; the review is saved. You can close this tab.');
    cover.id = 'stopped';
    document.body.append(cover);
    app.model.editable = false;
  }

  // ---- keys -----------------------------------------------------------

  function onKey(ev) {
    const t = ev.target;
    const typing = t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
    if (document.querySelector('dialog[open]')) return; // dialogs handle their own keys
    if (typing) {
      if (ev.key === 'Escape' || (ev.key === 'Enter' && t.id === 'search')) {
        t.blur();
        $('viewport').focus();
        ev.preventDefault();
      }
      return;
    }
    if (t && t.tagName === 'BUTTON' && (ev.key === 'Enter' || ev.key === ' ')) return;
    const key = ev.key;
    const mod = ev.ctrlKey || ev.metaKey;
    const ed = app.model.editable;
    if (app.split) {
      const handled = {
        ArrowLeft: () => moveCut(-1), ArrowUp: () => moveCut(-1),
        ArrowRight: () => moveCut(1), ArrowDown: () => moveCut(1),
        Tab: () => { app.split.side = app.split.side === 'src' ? 'tgt' : 'src'; showFocus(); },
        Enter: doSplit,
        Escape: () => { app.split = null; showFocus(); status('Split cancelled.'); },
      }[key];
      if (handled) { ev.preventDefault(); handled(); }
      return;
    }
    let act = null;
    if (mod && (key === 'z' || key === 'Z')) act = ev.shiftKey ? () => ed && send('/api/redo', {}) : () => ed && send('/api/undo', {});
    else if (mod && (key === 'y' || key === 'Y')) act = () => ed && send('/api/redo', {});
    else if (mod) return;
    else if (ev.altKey && key === 'ArrowUp') act = ed && acts[ev.shiftKey ? 'move_first_tgt' : 'move_first_src'];
    else if (ev.altKey && key === 'ArrowDown') act = ed && acts[ev.shiftKey ? 'move_last_tgt' : 'move_last_src'];
    else {
      act = {
        ArrowDown: () => step(1), j: () => step(1),
        ArrowUp: () => step(-1), k: () => step(-1),
        PageDown: () => step(app.table.page()), PageUp: () => step(-app.table.page()),
        Home: () => step(-app.list.length), End: () => step(app.list.length),
        n: () => nextDoubtful(1), N: () => nextDoubtful(-1),
        f: () => {
          const opts = [...$('filter').options].map((o) => o.value);
          setFilter(opts[(opts.indexOf(app.filter) + 1) % opts.length]);
        },
        '/': () => $('search').focus(),
        '?': () => $('help').showModal(),
        Escape: () => status(''),
      }[key] || null;
      if (!act && ed) {
        act = {
          m: acts.merge_next, M: acts.merge_prev, s: acts.split,
          '[': acts.move_first_src, ']': acts.move_last_src,
          '{': acts.move_first_tgt, '}': acts.move_last_tgt,
          u: acts.unlink, l: acts.link,
          ' ': () => toggleReviewed(false), Enter: () => toggleReviewed(true),
          R: () => realign(),
          e: () => $('export').showModal(),
        }[key] || null;
      }
    }
    if (act) { ev.preventDefault(); act(); }
  }

  function realign() {
    status('Re-aligning around ' + app.model.beads.filter((b) => b[5]).length + ' fixed beads…');
    const k = app.focus;
    send('/api/realign', {}, () => { app.focus = Math.min(k, app.model.beads.length - 1); });
  }

  // ---- start ----------------------------------------------------------

  function wire() {
    app.table = new Ura.Table($('viewport'), pick);
    app.map = new Ura.AlignmentMap($('map'), pick);
    app.detail = new Ura.Detail($('detail'), (side, k) => {
      if (!app.split) return;
      app.split.side = side;
      app.split[side] = k;
      showFocus();
    });
    $('filter').addEventListener('change', (e) => { app.filter = e.target.value; relist(); });
    $('threshold').addEventListener('change', (e) => {
      const v = Number(e.target.value);
      if (v >= 0 && v <= 1) { app.model.threshold = v; relist(true); }
    });
    let timer = 0;
    $('search').addEventListener('input', (e) => {
      clearTimeout(timer);
      timer = setTimeout(() => { app.query = e.target.value; relist(); }, 150);
    });
    $('undo').addEventListener('click', () => send('/api/undo', {}));
    $('redo').addEventListener('click', () => send('/api/redo', {}));
    $('realign').addEventListener('click', realign);
    $('quit').addEventListener('click', quit);
    $('export-open').addEventListener('click', () => $('export').showModal());
    $('export-form').addEventListener('submit', exportNow);
    // Enter downloads from anywhere in the dialog (a select does not
    // submit its form by itself).
    $('export-form').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target.tagName !== 'BUTTON') exportNow(e);
    });
    $('export-cancel').addEventListener('click', () => $('export').close());
    $('help-open').addEventListener('click', () => $('help').showModal());
    $('help-close').addEventListener('click', () => $('help').close());
    for (const b of document.querySelectorAll('#tools button')) {
      b.addEventListener('click', () => { const f = acts[b.dataset.act]; if (f) f(); });
    }
    document.addEventListener('keydown', onKey);
  }

  function start(data) {
    app.model = new Model(data);
    if (!app.model.editable) document.body.classList.add('readonly');
    $('doc-name').textContent = app.model.name ? '— ' + app.model.name : '';
    $('langs').textContent = '(' + app.model.src.lang + ' → ' + app.model.tgt.lang + ')';
    $('head-src').textContent = 'source (' + app.model.src.lang + ')';
    $('head-tgt').textContent = 'target (' + app.model.tgt.lang + ')';
    $('threshold').value = app.model.threshold;
    wire();
    relist(true);
    $('viewport').focus();
    status(app.model.editable
      ? 'Keys: j/k move, n next doubtful, m merge, s split, Space reviewed, ? all keys. Every change is saved at once.'
      : 'A read-only report: j/k move, n next doubtful, f filter, / search.');
  }

  const inline = document.getElementById('ura-data');
  if (inline) {
    start(JSON.parse(inline.textContent));
  } else {
    fetch('/api/state', { credentials: 'same-origin' })
      .then((r) => r.ok ? r.json() : r.json().then((e) => Promise.reject(new Error(e.error))))
      .then(start)
      .catch((e) => status('Cannot load the review: ' + e.message, 'error'));
  }
})(window.Ura = window.Ura || {});
