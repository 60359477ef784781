// ura review — the views: the list of beads (only the rows in view are in
// the page, so 100,000 sentences stay smooth), the alignment map, and the
// focused bead. Text is always set as text, never as HTML.
(function (Ura) {
  'use strict';
  const Model = Ura.Model;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Appends `text` to `parent`, marking each occurrence of `query`. */
  function appendMarked(parent, text, query) {
    if (!query) { parent.append(text); return; }
    const low = text.toLocaleLowerCase();
    let at = 0;
    for (;;) {
      const k = low.indexOf(query, at);
      if (k < 0 || query.length === 0) break;
      parent.append(text.slice(at, k));
      parent.append(el('mark', '', text.slice(k, k + query.length)));
      at = k + query.length;
    }
    parent.append(text.slice(at));
  }

  /** The list of beads: a tall spacer and the rows in view. */
  class Table {
    constructor(viewport, onPick) {
      this.viewport = viewport;
      this.spacer = viewport.querySelector('#spacer');
      this.rows = viewport.querySelector('#rows');
      this.rowHeight = 52;
      this.list = [];
      this.model = null;
      this.focus = -1;
      this.query = '';
      this.pending = false;
      viewport.addEventListener('scroll', () => this.schedule());
      window.addEventListener('resize', () => this.schedule());
      this.rows.addEventListener('click', (ev) => {
        const row = ev.target.closest('.row');
        if (row) onPick(Number(row.dataset.bead));
      });
    }

    set(model, list, focus, query) {
      this.model = model;
      this.list = list;
      this.focus = focus;
      this.query = (query || '').trim().toLocaleLowerCase();
      const h = getComputedStyle(document.documentElement).getPropertyValue('--row-h');
      this.rowHeight = parseFloat(h) || 52;
      this.spacer.style.height = (list.length * this.rowHeight) + 'px';
      this.render();
    }

    schedule() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => { this.pending = false; this.render(); });
    }

    /** Scrolls so that list position `pos` is in view. */
    reveal(pos) {
      const top = pos * this.rowHeight;
      const vp = this.viewport;
      if (top < vp.scrollTop) vp.scrollTop = top;
      else if (top + this.rowHeight > vp.scrollTop + vp.clientHeight) {
        vp.scrollTop = top + this.rowHeight - vp.clientHeight;
      }
    }

    /** How many rows fit in view. */
    page() { return Math.max(1, Math.floor(this.viewport.clientHeight / this.rowHeight) - 1); }

    render() {
      const m = this.model;
      if (!m) return;
      const vp = this.viewport;
      const first = Math.max(0, Math.floor(vp.scrollTop / this.rowHeight) - 4);
      const last = Math.min(this.list.length, Math.ceil((vp.scrollTop + vp.clientHeight) / this.rowHeight) + 4);
      this.rows.style.top = (first * this.rowHeight) + 'px';
      const frag = document.createDocumentFragment();
      if (this.list.length === 0) frag.append(el('div', 'empty-list', 'No bead matches the filter.'));
      for (let pos = first; pos < last; pos++) frag.append(this.row(this.list[pos]));
      this.rows.replaceChildren(frag);
    }

    row(k) {
      const m = this.model;
      const b = m.beads[k];
      const row = el('div', 'row');
      row.dataset.bead = String(k);
      row.id = 'bead-' + k;
      row.setAttribute('role', 'option');
      const focused = k === this.focus;
      row.setAttribute('aria-selected', focused ? 'true' : 'false');
      if (focused) row.classList.add('focus');
      if (m.isDoubtful(b)) row.classList.add('doubtful');
      row.append(el('span', 'n', String(k + 1)));
      const score = el('span', '');
      score.append(el('span', 'score ' + Model.scoreClass(b), b[4].toFixed(2)));
      score.title = 'confidence ' + b[4].toFixed(4) + ', bead ' + Model.shape(b);
      row.append(score);
      row.append(this.cell('src', b), this.cell('tgt', b));
      const marks = el('span', 'marks');
      if (Model.isReviewed(b)) marks.append(el('span', 'rv', '✓'));
      if (Model.isEdited(b)) marks.append(el('span', 'ed', '✎'));
      marks.title = [Model.isReviewed(b) ? 'reviewed' : '', Model.isEdited(b) ? 'edited' : ''].filter(Boolean).join(', ');
      row.append(marks);
      return row;
    }

    cell(side, b) {
      const m = this.model;
      const [a, z] = side === 'src' ? [b[0], b[1]] : [b[2], b[3]];
      const c = el('div', 'cell');
      if (a === z) {
        c.classList.add('none');
        c.textContent = '∅ no partner';
        return c;
      }
      const mark = m.paragraphMark(side, b);
      if (mark) {
        const pm = el('span', mark === 'odd' ? 'pm odd' : 'pm', '¶');
        pm.title = mark === 'odd' ? 'a paragraph starts here on this side only' : 'a paragraph starts here';
        c.append(pm);
      }
      if (m.isHeading(side, a)) c.classList.add('heading');
      const s = (side === 'src' ? m.src : m.tgt).sentences;
      for (let i = a; i < z; i++) {
        if (i > a) c.append(el('span', 'sep', m.startsParagraph(side, i) ? ' ¶ ' : ' | '));
        appendMarked(c, s[i], this.query);
      }
      return c;
    }
  }

  /** The alignment map: source index across, target index down, one
   * segment per bead from its first cell to its last, coloured by
   * confidence; a path per colour, so the number of elements does not grow
   * with the beads. Beyond MAP_MARKS beads, runs of consecutive beads are
   * drawn as one segment in the colour of their mean score, and again in
   * red when any of them is unaligned, so that a gap among 100,000 beads
   * still shows. */
  const MAP_MARKS = 3000;
  class AlignmentMap {
    constructor(svg, onPick) {
      this.svg = svg;
      this.model = null;
      this.list = [];
      svg.addEventListener('click', (ev) => {
        if (!this.model || this.list.length === 0) return;
        const ctm = svg.getScreenCTM();
        if (!ctm) return;
        const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(ctm.inverse());
        // The bead of the list nearest the point, in screen distance.
        const sx = ctm.a || 1, sy = ctm.d || 1;
        let best = -1, bestD = Infinity;
        for (const k of this.list) {
          const b = this.model.beads[k];
          const dx = ((b[0] + b[1]) / 2 - p.x) * sx, dy = ((b[2] + b[3]) / 2 - p.y) * sy;
          const d = dx * dx + dy * dy;
          if (d < bestD) { bestD = d; best = k; }
        }
        if (best >= 0) onPick(best);
      });
    }

    /** The beads listed (a click picks among them). */
    setList(list) { this.list = list; }

    /** Draws the beads of `model`. */
    set(model, list) {
      this.model = model;
      this.list = list;
      const n = Math.max(1, model.src.sentences.length), m = Math.max(1, model.tgt.sentences.length);
      const ns = this.svg.namespaceURI;
      this.svg.setAttribute('viewBox', '0 0 ' + n + ' ' + m);
      this.svg.setAttribute('preserveAspectRatio', 'none');
      const d = { s4: [], s3: [], s2: [], s1: [], snull: [] };
      const beads = model.beads;
      const group = Math.max(1, Math.ceil(beads.length / MAP_MARKS));
      for (let g = 0; g < beads.length; g += group) {
        const end = Math.min(beads.length, g + group);
        let sum = 0, paired = 0, lone = false;
        for (let k = g; k < end; k++) {
          if (Model.isNull(beads[k])) lone = true;
          else { sum += beads[k][4]; paired++; }
        }
        const a = beads[g], z = beads[end - 1];
        const seg = 'M' + a[0] + ' ' + a[2] + 'L' + z[1] + ' ' + z[3];
        if (paired) d[Model.scoreClass([0, 1, 0, 1, sum / paired])].push(seg);
        if (lone) d.snull.push(seg);
      }
      const paths = [];
      const diag = document.createElementNS(ns, 'path');
      diag.setAttribute('class', 'diag');
      diag.setAttribute('d', 'M0 0L' + n + ' ' + m);
      paths.push(diag);
      for (const cls of ['s4', 's3', 's2', 's1', 'snull']) {
        const p = document.createElementNS(ns, 'path');
        p.setAttribute('class', cls);
        p.setAttribute('d', d[cls].join(''));
        paths.push(p);
      }
      this.cross = document.createElementNS(ns, 'path');
      this.cross.setAttribute('class', 'cross');
      this.here = document.createElementNS(ns, 'path');
      this.here.setAttribute('class', 'here');
      paths.push(this.cross, this.here);
      this.svg.replaceChildren(...paths);
      this.size = [n, m];
    }

    /** Shows the focused bead. */
    show(k) {
      if (!this.model || !this.here) return;
      const b = this.model.beads[k];
      if (!b) { this.here.setAttribute('d', ''); this.cross.setAttribute('d', ''); return; }
      const x = (b[0] + b[1]) / 2, y = (b[2] + b[3]) / 2;
      const [n, m] = this.size;
      this.here.setAttribute('d', 'M' + x + ' ' + y + 'l0 0');
      this.cross.setAttribute('d', 'M' + x + ' 0V' + m + 'M0 ' + y + 'H' + n);
    }
  }

  /** The focused bead, one sentence per line; in split mode, the cut. */
  class Detail {
    constructor(root, onCut) {
      this.head = root.querySelector('#detail-head');
      this.lists = { src: root.querySelector('#detail-src'), tgt: root.querySelector('#detail-tgt') };
      this.root = root;
      for (const side of ['src', 'tgt']) {
        this.lists[side].addEventListener('click', (ev) => {
          const li = ev.target.closest('li');
          if (li && li.dataset.k !== undefined) onCut(side, Number(li.dataset.k));
        });
      }
    }

    show(model, k, split) {
      const b = model.beads[k];
      this.root.classList.toggle('splitting', !!split);
      if (!b) {
        this.head.textContent = 'No bead in view.';
        this.lists.src.replaceChildren();
        this.lists.tgt.replaceChildren();
        return;
      }
      const marks = [Model.isReviewed(b) ? 'reviewed' : '', Model.isEdited(b) ? 'edited' : ''].filter(Boolean);
      this.head.replaceChildren();
      this.head.append(el('b', '', 'Bead ' + (k + 1) + ' of ' + model.beads.length), ' · ' + Model.shape(b) +
        ' · confidence ' + b[4].toFixed(2) + (Model.isNull(b) ? ' · UNALIGNED' : '') +
        (marks.length ? ' · ' + marks.join(', ') : ''));
      if (split) {
        this.head.append(el('b', '', ' · Split: the cut (red line) is before the marked sentence; ←/→ move it, Tab switches side (' +
          (split.side === 'src' ? 'source' : 'target') + ' now), Enter splits, Esc cancels'));
      }
      for (const side of ['src', 'tgt']) {
        const list = this.lists[side];
        const [a, z] = side === 'src' ? [b[0], b[1]] : [b[2], b[3]];
        list.classList.toggle('active', !!split && split.side === side);
        list.start = a + 1;
        const items = [];
        if (a === z) items.push(el('li', 'none', '∅ no sentence on this side'));
        const text = (side === 'src' ? model.src : model.tgt).sentences;
        for (let i = a; i < z; i++) {
          const li = el('li', '');
          if (model.startsParagraph(side, i)) li.append(el('span', 'pm', '¶'));
          li.append(text[i]);
          li.dataset.k = String(i - a);
          if (model.isHeading(side, i)) li.classList.add('heading');
          if (split && i - a === split[side] && split[side] > 0) li.classList.add('cut');
          items.push(li);
        }
        if (split && split[side] === z - a && z > a) items[items.length - 1].classList.add('cut-end');
        if (split && split[side] === 0 && z > a) items[0].classList.add('cut');
        list.replaceChildren(...items);
      }
    }
  }

  Ura.Table = Table;
  Ura.AlignmentMap = AlignmentMap;
  Ura.Detail = Detail;
  Ura.el = el;
})(window.Ura = window.Ura || {});
