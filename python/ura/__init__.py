"""ura: split a document and its translation into sentences and align them.

The sentence splitter and aligner of the ``ura`` command as a library:

>>> import ura
>>> a = ura.align("He was born in 1950. He died in 2010.",
...               "Ai lindi në 1950. Vdiq në 2010.", src_lang="en", tgt_lang="sq")
>>> [(b.src_idx, b.tgt_idx, b.bead) for b in a.beads]
[([0], [0], '1-1'), ([1], [1], '1-1')]

``align`` gives the beads ``ura align -f jsonl`` writes; ``align_many``
aligns many pairs in parallel without the GIL; ``split`` splits a text as
``ura split`` does; ``read_document`` reads a file as the command does;
``Alignment.to_tmx``, ``to_jsonl``, ``to_csv`` and ``to_tsv`` write its
formats. Bad arguments raise ``TypeError`` or ``ValueError``, unreadable
files ``OSError``, each with the message the command prints (without its
``ura:`` prefix); a bug raises ``RuntimeError``, never crashes Python.
"""

from ._ura import (
    Alignment,
    Bead,
    Document,
    Sentence,
    __version__,
    align,
    align_many,
    read_document,
    split,
)

__all__ = [
    "Alignment",
    "Bead",
    "Document",
    "Sentence",
    "__version__",
    "align",
    "align_many",
    "read_document",
    "split",
]
