// ura review — the model: the review's sentences and beads as the server
// sends them, counts, filters and search. No DOM here.
//
// A bead is [src start, src end, tgt start, tgt end, score, flags]; flags
// 1 = reviewed, 2 = edited. Beads cover every sentence of both sides once,
// in order (the server checks every change).
(function (Ura) {
  'use strict';

  const REVIEWED = 1;
  const EDITED = 2;

  class Model {
    constructor(data) {
      this.name = data.name || '';
      this.src = data.src;
      this.tgt = data.tgt;
      this.beads = data.beads;
      this.version = data.version;
      this.threshold = data.threshold;
      this.editable = !!data.editable;
      this.canUndo = !!data.can_undo;
      this.canRedo = !!data.can_redo;
      // Lower-cased text per sentence, made on the first search.
      this.folded = null;
      // Whether paragraph starts say anything on a side: not where every
      // line is a paragraph of its own.
      const marks = (s) => new Set(s.paragraphs).size < 0.8 * s.paragraphs.length;
      this.paragraphMarks = { src: marks(this.src), tgt: marks(this.tgt) };
    }

    static isNull(b) { return (b[0] === b[1]) !== (b[2] === b[3]); }
    static isReviewed(b) { return (b[5] & REVIEWED) !== 0; }
    static isEdited(b) { return (b[5] & EDITED) !== 0; }
    static shape(b) { return (b[1] - b[0]) + '-' + (b[3] - b[2]); }

    /** Below the threshold, and not marked reviewed. */
    isBelow(b) { return b[4] < this.threshold && !Model.isReviewed(b); }

    /** Worth a look: below the threshold or unaligned, not reviewed. */
    isDoubtful(b) {
      return !Model.isReviewed(b) && (b[4] < this.threshold || Model.isNull(b));
    }

    /** The sentences of one side of a bead. */
    sentences(side, b) {
      const s = side === 'src' ? this.src : this.tgt;
      const [a, z] = side === 'src' ? [b[0], b[1]] : [b[2], b[3]];
      return s.sentences.slice(a, z);
    }

    /** Whether sentence i of a side starts a paragraph. */
    startsParagraph(side, i) {
      const p = (side === 'src' ? this.src : this.tgt).paragraphs;
      return i === 0 || p[i] !== p[i - 1];
    }

    /** How a bead's side shows a paragraph start: 'odd' when only this
     * side of the bead starts one (the aligner is wary of such beads),
     * 'yes' when it starts one and paragraphs mean something on the side,
     * else ''. */
    paragraphMark(side, b) {
      const [a, z, oa, oz] = side === 'src' ? [b[0], b[1], b[2], b[3]] : [b[2], b[3], b[0], b[1]];
      if (a === z || !this.startsParagraph(side, a)) return '';
      const other = side === 'src' ? 'tgt' : 'src';
      if (oa < oz && !this.startsParagraph(other, oa)) return 'odd';
      return this.paragraphMarks[side] ? 'yes' : '';
    }

    /** Whether sentence i of a side is a heading: marked so by the
     * document, or, in plain text, a paragraph of its own without final
     * punctuation (a title line). */
    isHeading(side, i) {
      const s = side === 'src' ? this.src : this.tgt;
      const kind = s.kinds[i];
      if (kind.startsWith('heading')) return true;
      if (kind !== 'text') return false;
      const p = s.paragraphs;
      const alone = (i === 0 || p[i - 1] !== p[i]) && (i + 1 >= p.length || p[i + 1] !== p[i]);
      const t = s.sentences[i];
      return alone && t.length < 120 && !/[.!?…。？！:;"”»)]\s*$/.test(t);
    }

    counts() {
      let pairs = 0, lone = 0, below = 0, reviewed = 0;
      for (const b of this.beads) {
        if (Model.isNull(b)) lone += (b[1] - b[0]) + (b[3] - b[2]);
        else pairs++;
        if (this.isBelow(b)) below++;
        if (Model.isReviewed(b)) reviewed++;
      }
      return { beads: this.beads.length, pairs, lone, below, reviewed };
    }

    /** Puts a change from the server in place. */
    apply(change) {
      this.beads.splice(change.at, change.remove, ...change.beads);
      this.version = change.version;
      this.canUndo = change.can_undo;
      this.canRedo = change.can_redo;
    }

    /** Indices of the beads that pass `filter` and contain `query` (any
     * case) on either side, in order. */
    list(filter, query) {
      const out = [];
      const q = (query || '').trim().toLocaleLowerCase();
      if (q && !this.folded) {
        this.folded = {
          src: this.src.sentences.map((t) => t.toLocaleLowerCase()),
          tgt: this.tgt.sentences.map((t) => t.toLocaleLowerCase()),
        };
      }
      const has = (side, a, z) => {
        const f = this.folded[side];
        for (let i = a; i < z; i++) if (f[i].includes(q)) return true;
        return false;
      };
      for (let k = 0; k < this.beads.length; k++) {
        const b = this.beads[k];
        let ok;
        switch (filter) {
          case 'doubtful': ok = this.isDoubtful(b); break;
          case 'below': ok = this.isBelow(b); break;
          case 'null': ok = Model.isNull(b); break;
          case 'todo': ok = !Model.isReviewed(b); break;
          case 'reviewed': ok = Model.isReviewed(b); break;
          default: ok = true;
        }
        if (ok && q) ok = has('src', b[0], b[1]) || has('tgt', b[2], b[3]);
        if (ok) out.push(k);
      }
      return out;
    }

    /** The colour class of a score: s4 ≥ 0.9, s3 ≥ 0.7, s2 ≥ 0.5, s1. */
    static scoreClass(b) {
      if (Model.isNull(b)) return 'snull';
      const s = b[4];
      return s >= 0.9 ? 's4' : s >= 0.7 ? 's3' : s >= 0.5 ? 's2' : 's1';
    }
  }

  /** The position in a sorted list of the first item ≥ x. */
  Ura.lowerBound = function (list, x) {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < x) lo = mid + 1; else hi = mid;
    }
    return lo;
  };

  Ura.Model = Model;
})(window.Ura = window.Ura || {});
