#!/usr/bin/env python3
"""Strict and lax precision/recall/F1 of ura's alignments on gold sets.

Definitions as in vecalign's score.py (after Sennrich & Volk 2010): beads
are (source ids, target ids); precision over predicted beads (null beads
included), recall over gold beads without null beads against predicted
beads without null beads; strict = identical bead, lax = sharing at least
one source and one target id. k-0/0-k beads are split into k single null
beads. Counts are summed over documents (micro average).

Usage: scripts/eval.py [--ura PATH] [--corpus-lexicon] [--cut N] [--repeat N] [--join] [--perturb N] [--hunalign] [SET_DIR ...]
Default sets: data/unhcr (gold alignment of the bundled pair) and every
set in ../shared/eval-dev/. Prints a Markdown table, plus mean confidence
and AUC of the confidence for telling strictly right beads from wrong ones;
then a second table with the same measures per kind of predicted bead
(null = 1-0/0-1, 1-1, n-m = every other shape): count, strict precision,
mean confidence, calibration gap (mean confidence minus precision), AUC,
and the share of beads scoring >= 0.9 with their precision.
--perturb N aligns N damaged copies of each document instead (seeded,
reproducible; see perturb_document): runs of sentences deleted from one
side, whose partners become gold null beads, and pairs of adjacent lines
of one side joined into one, whose beads become one larger bead. The dev
sets have few null beads; this makes real ones, and beads that a weak
aligner leaves null wrongly.
--hunalign scores the peer hunalign (scripts/hunalign.sh) instead of ura,
with its rung quality as the score.
"""
import argparse
import ast
import json
import os
import subprocess
import sys
import random
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = {"textberg_dev": ("de", "fr"), "hunalign_dtm_huen": ("hu", "en"), "mac_dev_zhen": ("zh", "en")}


def parse_gold(path):
    beads = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            s, t = line.split(":")
            beads.append((tuple(ast.literal_eval(s)), tuple(ast.literal_eval(t))))
    return beads


def split_nulls(beads):
    out = []
    for s, t in beads:
        if len(t) == 0 and len(s) > 1:
            out.extend(((x,), ()) for x in s)
        elif len(s) == 0 and len(t) > 1:
            out.extend(((), (y,)) for y in t)
        else:
            out.append((tuple(s), tuple(t)))
    return out


def is_null(b):
    return len(b[0]) == 0 or len(b[1]) == 0


def lax_match(b, others_by_src, others_by_tgt):
    cands = set()
    for x in b[0]:
        cands.update(others_by_src.get(x, ()))
    return any(set(b[1]) & set(o[1]) for o in cands)


def index(beads):
    by_src, by_tgt = {}, {}
    for b in beads:
        for x in b[0]:
            by_src.setdefault(x, []).append(b)
        for y in b[1]:
            by_tgt.setdefault(y, []).append(b)
    return by_src, by_tgt


def score_doc(pred, gold):
    """Returns counts: (strict_p_hits, lax_p_hits, n_pred, strict_r_hits, lax_r_hits, n_gold)."""
    pred = list(dict.fromkeys(split_nulls(pred)))
    gold = list(dict.fromkeys(split_nulls(gold)))
    gold_set = set(gold)
    g_idx = index([g for g in gold if not is_null(g)])
    sp = sum(1 for p in pred if p in gold_set)
    lp = sum(1 for p in pred if p in gold_set or (not is_null(p) and lax_match(p, *g_idx)))
    pred_nn = [p for p in pred if not is_null(p)]
    gold_nn = [g for g in gold if not is_null(g)]
    pred_set = set(pred_nn)
    p_idx = index(pred_nn)
    sr = sum(1 for g in gold_nn if g in pred_set)
    lr = sum(1 for g in gold_nn if g in pred_set or lax_match(g, *p_idx))
    return sp, lp, len(pred), sr, lr, len(gold_nn)


def f1(p, r):
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def auc(pairs):
    """Area under the ROC curve of score for label (Mann-Whitney)."""
    pos = [s for s, y in pairs if y]
    neg = [s for s, y in pairs if not y]
    if not pos or not neg:
        return float("nan")
    ranked = sorted(pairs, key=lambda x: x[0])
    # Average ranks for ties.
    ranks, i = {}, 0
    scores = [s for s, _ in ranked]
    rank_sum = 0.0
    while i < len(ranked):
        j = i
        while j < len(ranked) and scores[j] == scores[i]:
            j += 1
        avg = (i + j + 1) / 2.0
        rank_sum += sum(avg for k in range(i, j) if ranked[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def run_ura(ura, src, tgt, src_lang, tgt_lang, extra):
    cmd = [ura, "align", "--presegmented", "-f", "jsonl", "--src-lang", src_lang, "--tgt-lang", tgt_lang, src, tgt] + extra
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def run_hunalign(src, tgt):
    cmd = [os.path.join(ROOT, "scripts", "hunalign.sh"), src, tgt]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def run_batch(ura, docs, src_lang, tgt_lang, extra):
    """Aligns all documents of a set in one `ura batch` run (so that
    --corpus-lexicon can learn over all of them); returns beads per doc."""
    with tempfile.TemporaryDirectory() as tmp:
        manifest = os.path.join(tmp, "pairs.csv")
        with open(manifest, "w", encoding="utf-8") as f:
            f.write("src,tgt\n")
            for _, src, tgt, _ in docs:
                f.write(f"{os.path.abspath(src)},{os.path.abspath(tgt)}\n")
        out = os.path.join(tmp, "all.jsonl")
        subprocess.run([ura, "batch", "--manifest", manifest, "--presegmented", "--src-lang", src_lang,
                        "--tgt-lang", tgt_lang, "-o", out, "-q"] + extra, check=True, capture_output=True)
        by_doc = {}
        for line in open(out, encoding="utf-8"):
            b = json.loads(line)
            by_doc.setdefault(b["doc"], []).append(b)
    return [by_doc.get(os.path.abspath(src), []) for _, src, _, _ in docs]


def documents(set_dir):
    """Yields (name, src, tgt, gold) per document."""
    docs = os.path.join(set_dir, "docs")
    if os.path.exists(os.path.join(set_dir, "en.sentences.txt")):
        # The bundled pair: gold sentences (blank line = paragraph break).
        yield "unhcr", os.path.join(set_dir, "en.sentences.txt"), os.path.join(set_dir, "sq.sentences.txt"), os.path.join(set_dir, "gold.txt")
    elif os.path.isdir(docs):
        names = sorted({f.rsplit(".", 1)[0] for f in os.listdir(docs)})
        for n in names:
            yield n, os.path.join(docs, n + ".src"), os.path.join(docs, n + ".tgt"), os.path.join(docs, n + ".gold")
    else:
        yield "doc", os.path.join(set_dir, "src.txt"), os.path.join(set_dir, "tgt.txt"), os.path.join(set_dir, "gold.txt")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def write_document(base, src_lines, tgt_lines, beads):
    """Writes BASE.src, BASE.tgt and BASE.gold; returns their paths."""
    paths = (base + ".src", base + ".tgt", base + ".gold")
    for path, lines in zip(paths, (src_lines, tgt_lines)):
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    with open(paths[2], "w", encoding="utf-8") as f:
        f.writelines(f"{list(S)}:{list(T)}\n" for S, T in beads)
    return paths


def unbroken_lines(src, tgt):
    """Both sides' lines, or None when either has paragraph breaks (blank
    lines): such documents are kept whole by the rewriters below."""
    s_lines, t_lines = read_lines(src), read_lines(tgt)
    if "" in s_lines or "" in t_lines:
        return None
    return s_lines, t_lines


def cut_documents(docs, size, tmp):
    """Cuts each document at gold bead boundaries (where both sides move
    forward) into pieces of about `size` gold beads, written to `tmp`:
    a batch of short documents. Documents with paragraph breaks (blank
    lines) are kept whole."""
    out = []
    for name, src, tgt, gold in docs:
        lines = unbroken_lines(src, tgt)
        if lines is None:
            out.append((name, src, tgt, gold))
            continue
        s_lines, t_lines = lines
        g = parse_gold(gold)
        s0 = t0 = 0
        cuts = []
        for k in range(size, len(g), size):
            s1 = max([max(b[0]) + 1 for b in g[:k] if b[0]] + [s0])
            t1 = max([max(b[1]) + 1 for b in g[:k] if b[1]] + [t0])
            if s1 > s0 and t1 > t0:
                cuts.append((s0, s1, t0, t1))
                s0, t0 = s1, t1
        cuts.append((s0, len(s_lines), t0, len(t_lines)))
        for q, (a, b, c, e) in enumerate(cuts):
            piece = [(tuple(x - a for x in S), tuple(y - c for y in T)) for S, T in g
                     if (S and a <= S[0] < b) or (not S and T and c <= T[0] < e)]
            piece = [x for x in piece if all(0 <= i < b - a for i in x[0]) and all(0 <= j < e - c for j in x[1])]
            paths = write_document(os.path.join(tmp, f"{name}-{q:04}"), s_lines[a:b], t_lines[c:e], piece)
            out.append((f"{name}-{q:04}",) + paths)
    return out


def repeat_documents(docs, times, tmp):
    """Each document written `times` times in a row (gold ids shifted): one
    long document, to check that accuracy holds as documents grow."""
    out = []
    for name, src, tgt, gold in docs:
        lines = unbroken_lines(src, tgt)
        if lines is None:
            out.append((name, src, tgt, gold))
            continue
        s_lines, t_lines = lines
        g = parse_gold(gold)
        beads = [([x + r * len(s_lines) for x in S], [y + r * len(t_lines) for y in T])
                 for r in range(times) for S, T in g]
        paths = write_document(os.path.join(tmp, f"{name}-x{times}"), s_lines * times, t_lines * times, beads)
        out.append((f"{name}-x{times}",) + paths)
    return out


def join_documents(docs, tmp):
    """All documents of a set written one after the other as one document
    (gold ids shifted): a long document of different text."""
    if len(docs) < 2:
        return docs
    s_all, t_all, beads = [], [], []
    # Gold ids count sentences, not the blank lines between paragraphs.
    def count(lines):
        return sum(1 for line in lines if line.strip())

    for _, src, tgt, gold in docs:
        s_lines, t_lines = read_lines(src), read_lines(tgt)
        s0, t0 = count(s_all), count(t_all)
        beads += [([x + s0 for x in S], [y + t0 for y in T]) for S, T in parse_gold(gold)]
        s_all += s_lines
        t_all += t_lines
    return [("joined",) + write_document(os.path.join(tmp, "joined"), s_all, t_all, beads)]


def _positions(lines):
    """The indices of the non-blank lines (gold ids count only those)."""
    return [k for k, line in enumerate(lines) if line.strip()]


def _renumber(gold, side, mapping):
    """Gold beads with the ids of `side` (0 = source) mapped through
    `mapping` (None = deleted); a bead left with one empty side becomes
    single null beads of its other side; one left with none is dropped."""
    out = []
    for bead in gold:
        sides = [list(bead[0]), list(bead[1])]
        had = bool(sides[side])
        sides[side] = [mapping[x] for x in sides[side] if mapping[x] is not None]
        other = 1 - side
        if had and not sides[side] and sides[other]:
            for y in sides[other]:
                single = [[], []]
                single[other] = [y]
                out.append(tuple(single))
        elif sides[0] or sides[1]:
            out.append(tuple(sides))
    return out


def _contiguous(ids):
    return bool(ids) and sorted(ids) == list(range(min(ids), max(ids) + 1))


def _delete_run(rng, lines, gold):
    """Deletes the lines of one side of a run of 1-8 consecutive non-null
    gold beads (a passage the translation skips, or one the source lacks).
    Returns False when no such run was found."""
    if len(gold) < 12:
        return False
    for _ in range(100):
        r = rng.choice([1, 1, 2, 2, 3, 4, 5, 8])
        k = rng.randrange(len(gold) - r + 1)
        run = gold[k:k + r]
        if any(not b[0] or not b[1] for b in run):
            continue
        side = rng.randrange(2)
        ids = sorted(x for b in run for x in b[side])
        other = [y for b in run for y in b[1 - side]]
        if not _contiguous(ids) or not _contiguous(other):
            continue
        pos = _positions(lines[side])
        if len(ids) + 4 > len(pos):
            continue
        drop = set(ids)
        mapping, kept = [], 0
        for x in range(len(pos)):
            mapping.append(None if x in drop else kept)
            kept += x not in drop
        dead = {pos[x] for x in drop}
        kept_lines = [line for p, line in enumerate(lines[side]) if p not in dead]
        # A paragraph deleted whole leaves two blank lines: keep one.
        lines[side] = [line for q, line in enumerate(kept_lines)
                       if line.strip() or q == 0 or kept_lines[q - 1].strip()]
        gold[:] = _renumber(gold, side, mapping)
        return True
    return False


def _join_lines(rng, lines, gold, glue):
    """Joins two adjacent lines of one side of the same paragraph, the end
    of one gold bead and the start of the next (a sentence split that the
    other side's segmenter did not make): the two beads become one.
    Returns False when no such pair was found."""
    for _ in range(100):
        k = rng.randrange(max(len(gold) - 1, 1))
        if k + 1 >= len(gold):
            return False
        a, b = gold[k], gold[k + 1]
        if not (a[0] and a[1] and b[0] and b[1]):
            continue
        if max(a[0]) + 1 != min(b[0]) or max(a[1]) + 1 != min(b[1]):
            continue
        side = rng.randrange(2)
        x = max(a[side])
        pos = _positions(lines[side])
        if pos[x] + 1 != pos[x + 1]:
            continue  # a paragraph break between them
        text = lines[side]
        text[pos[x]] = text[pos[x]].rstrip() + glue[side] + text[pos[x + 1]].lstrip()
        del text[pos[x + 1]]
        mapping = [y if y <= x else y - 1 for y in range(len(pos))]
        merged = (sorted(set(a[0]) | set(b[0])), sorted(set(a[1]) | set(b[1])))
        gold[k:k + 2] = [merged]
        gold[:] = [(sorted(set(mapping[y] for y in S)) if side == 0 else list(S),
                    sorted(set(mapping[y] for y in T)) if side == 1 else list(T)) for S, T in gold]
        return True
    return False


def perturb_document(lines, gold, seed, glue=(" ", " ")):
    """Damages a document pair (lines of both sides, gold beads) in place,
    reproducibly from `seed`: per 40 gold beads (at least one each), one
    run of 1-8 beads deleted from one side and one pair of adjacent lines
    of one side joined. `glue` joins lines of each side (no space for
    Chinese)."""
    rng = random.Random(seed)
    count = max(1, len(gold) // 40)
    for _ in range(count):
        _delete_run(rng, lines, gold)
        _join_lines(rng, lines, gold, glue)


def perturb_documents(docs, copies, langs, tmp):
    """`copies` damaged copies of each document ([`perturb_document`], seeds
    1..copies mixed with the document's name), written to `tmp`."""
    glue = tuple("" if lang in ("zh", "ja") else " " for lang in langs)
    out = []
    for name, src, tgt, gold in docs:
        for c in range(1, copies + 1):
            lines = [read_lines(src), read_lines(tgt)]
            g = [(list(S), list(T)) for S, T in parse_gold(gold)]
            perturb_document(lines, g, zlib.crc32(f"{name}/{c}".encode()), glue)
            paths = write_document(os.path.join(tmp, f"{name}-p{c}"), lines[0], lines[1], g)
            out.append((f"{name}-p{c}",) + paths)
    return out


def kind(bead):
    """A predicted bead's kind: null (1-0, 0-1), 1-1, or n-m."""
    s, t = bead
    if not s or not t:
        return "null"
    return "1-1" if len(s) == 1 and len(t) == 1 else "n-m"


def measures(scored):
    """Count, precision, mean confidence, AUC, share >= 0.9 and its
    precision of (score, right) pairs."""
    n = len(scored)
    hi = [y for s, y in scored if s >= 0.9]
    return (n, sum(y for _, y in scored) / max(n, 1), sum(s for s, _ in scored) / max(n, 1), auc(scored),
            len(hi) / max(n, 1), sum(hi) / max(len(hi), 1), len(hi))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ura", default=os.path.join(ROOT, "target", "release", "ura"))
    ap.add_argument("--extra", default="", help="extra flags for ura align")
    ap.add_argument("--corpus-lexicon", action="store_true",
                    help="align each set's documents in one `ura batch --corpus-lexicon` run")
    ap.add_argument("--cut", type=int, metavar="N",
                    help="cut each document into pieces of about N gold beads (a batch of short documents)")
    ap.add_argument("--repeat", type=int, metavar="N",
                    help="align each document written N times in a row (accuracy as documents grow)")
    ap.add_argument("--join", action="store_true",
                    help="align all documents of a set as one document (accuracy as documents grow)")
    ap.add_argument("--perturb", type=int, metavar="N",
                    help="align N damaged copies of each document (sentences deleted from one side, lines joined)")
    ap.add_argument("--hunalign", action="store_true",
                    help="score hunalign (no dictionary; scripts/hunalign.sh) instead of ura")
    ap.add_argument("sets", nargs="*")
    args = ap.parse_args()
    sets = args.sets or [os.path.join(ROOT, "data", "unhcr")] + sorted(
        os.path.join(ROOT, "..", "shared", "eval-dev", d)
        for d in os.listdir(os.path.join(ROOT, "..", "shared", "eval-dev"))
        if os.path.isdir(os.path.join(ROOT, "..", "shared", "eval-dev", d))
    )
    print("| set | strict P | strict R | strict F1 | lax F1 | mean conf. | AUC | conf ≥ 0.9: share / precision |")
    print("|---|---|---|---|---|---|---|---|")
    kind_rows = []
    for s in sets:
        name = os.path.basename(os.path.normpath(s))
        src_lang, tgt_lang = LANGS.get(name, ("en", "sq"))
        tot = [0] * 6
        scored = []
        by_kind = {}
        docs = list(documents(s))
        if args.cut:
            docs = cut_documents(docs, args.cut, tempfile.mkdtemp())
        if args.repeat:
            docs = repeat_documents(docs, args.repeat, tempfile.mkdtemp())
        if args.join:
            docs = join_documents(docs, tempfile.mkdtemp())
        if args.perturb:
            docs = perturb_documents(docs, args.perturb, (src_lang, tgt_lang), tempfile.mkdtemp())
        if args.hunalign:
            all_beads = [run_hunalign(src, tgt) for _, src, tgt, _ in docs]
        elif args.corpus_lexicon:
            all_beads = run_batch(args.ura, docs, src_lang, tgt_lang, ["--corpus-lexicon"] + args.extra.split())
        else:
            all_beads = [run_ura(args.ura, src, tgt, src_lang, tgt_lang, args.extra.split()) for _, src, tgt, _ in docs]
        for (doc, src, tgt, gold), beads in zip(docs, all_beads):
            pred = [(tuple(b["src_idx"]), tuple(b["tgt_idx"])) for b in beads]
            g = parse_gold(gold)
            for k, v in enumerate(score_doc(pred, g)):
                tot[k] += v
            gold_set = set(split_nulls(g))
            for b, p in zip(beads, pred):
                if is_null(p) and (len(p[0]) > 1 or len(p[1]) > 1):
                    right = all(x in gold_set for x in split_nulls([p]))
                else:
                    right = p in gold_set
                scored.append((b["score"], right))
                by_kind.setdefault(kind(p), []).append((b["score"], right))
        sp, lp, n_pred, sr, lr, n_gold = tot
        P, R = sp / max(n_pred, 1), sr / max(n_gold, 1)
        LP, LR = lp / max(n_pred, 1), lr / max(n_gold, 1)
        mean_conf = sum(s for s, _ in scored) / max(len(scored), 1)
        hi = [y for s, y in scored if s >= 0.9]
        print(f"| {name} | {P:.3f} | {R:.3f} | {f1(P, R):.3f} | {f1(LP, LR):.3f} | {mean_conf:.3f} | {auc(scored):.3f} | "
              f"{len(hi) / max(len(scored), 1):.2f} / {sum(hi) / max(len(hi), 1):.3f} |")
        sys.stdout.flush()
        for k in ("null", "1-1", "n-m"):
            n, prec, conf, a, share, hi_prec, n_hi = measures(by_kind.get(k, []))
            kind_rows.append(f"| {name} | {k} | {n} | {prec:.3f} | {conf:.3f} | {conf - prec:+.3f} | {a:.3f} | "
                             f"{share:.2f} ({n_hi}) / {hi_prec:.3f} |")
    print()
    print("| set | kind | beads | strict P | mean conf. | gap | AUC | conf ≥ 0.9: share (beads) / precision |")
    print("|---|---|---|---|---|---|---|---|")
    for row in kind_rows:
        print(row)


if __name__ == "__main__":
    main()
