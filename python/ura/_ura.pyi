"""Type stubs of the native module ura._ura (re-exported by ura)."""

import os
from typing import Iterable, Literal, Mapping, Optional, Sequence, Tuple, Union

__version__: str

Path = Union[str, "os.PathLike[str]"]
#: A side of a pair: a text, the bytes of a document, a Document, or a
#: list of sentences taken as split.
Side = Union[str, bytes, bytearray, "Document", Sequence[str]]
#: A bead the alignment must hold: (source indices, target indices).
Required = Sequence[Tuple[Sequence[int], Sequence[int]]]
#: A pair of align_many: (src, tgt), (src, tgt, src_lang, tgt_lang), or a
#: dict with src, tgt and optionally src_lang, tgt_lang, src_paragraphs,
#: tgt_paragraphs, required.
Pair = Union[
    Tuple[Side, Side],
    Tuple[Side, Side, Optional[str], Optional[str]],
    Mapping[str, object],
]

class Sentence:
    """A sentence of a text, as split() gives it."""

    #: The sentence, normalised (whitespace runs as one space, NFC).
    text: str
    #: Offset of its first character, in characters (str indices).
    start: int
    #: Offset one past its last character.
    end: int
    #: Its paragraph, from 0.
    paragraph: int

class Bead:
    """Consecutive source sentences aligned with consecutive target ones."""

    src_idx: list[int]
    tgt_idx: list[int]
    src: str
    tgt: str
    #: Confidence in [0, 1], not rounded (JSONL writes four decimals).
    score: float
    #: The shape: "1-1", "2-1", "1-0", ...
    bead: str
    src_block: Optional[str]
    tgt_block: Optional[str]
    def to_dict(self) -> dict[str, object]:
        """The bead as a dict with the keys of a JSONL line."""

class Alignment:
    """The beads of a pair, its languages, and the writers."""

    @property
    def beads(self) -> list[Bead]: ...
    @property
    def src_lang(self) -> str: ...
    @property
    def tgt_lang(self) -> str: ...
    @property
    def src_sentences(self) -> list[str]: ...
    @property
    def tgt_sentences(self) -> list[str]: ...
    @property
    def notes(self) -> list[str]:
        """What ura align would have said on stderr, without 'ura: '."""
    def __len__(self) -> int: ...
    def to_jsonl(self, path: Optional[Path] = None) -> Optional[str]:
        """JSONL as ura align -f jsonl writes it; a str when path is None."""
    def to_tsv(self, path: Optional[Path] = None) -> Optional[str]: ...
    def to_csv(self, path: Optional[Path] = None, *, excel: bool = False) -> Optional[str]: ...
    def to_tmx(self, path: Optional[Path] = None) -> Optional[str]:
        """TMX 1.4b; ValueError when a language is not known (und)."""

class Document:
    """A document read by read_document()."""

    @property
    def text(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def encoding(self) -> str: ...
    @property
    def encoding_detected(self) -> bool: ...
    @property
    def notes(self) -> list[str]: ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def blocks(self) -> list[Tuple[str, int, int]]:
        """(kind, start, end) per block, offsets in characters of text."""
    def split(
        self, lang: Optional[str] = None, *, wrapped: bool = False, presegmented: bool = False
    ) -> list[Sentence]: ...

def split(
    text: str, lang: Optional[str] = None, *, wrapped: bool = False, presegmented: bool = False
) -> list[Sentence]:
    """Splits a plain text as ura split does; offsets in characters."""

def align(
    src: Side,
    tgt: Side,
    src_lang: Optional[str] = None,
    tgt_lang: Optional[str] = None,
    *,
    src_paragraphs: Optional[Sequence[int]] = None,
    tgt_paragraphs: Optional[Sequence[int]] = None,
    required: Optional[Required] = None,
    max_bead: Optional[int] = None,
    band: Optional[int] = None,
    learn_lexicon: Optional[bool] = None,
    temperature: Optional[float] = None,
    dictionary: Union[Path, Iterable[Tuple[str, str]], None] = None,
    keep_unaligned: Optional[Literal["merge"]] = None,
    min_score: Optional[float] = None,
    wrapped: bool = False,
    presegmented: bool = False,
    encoding: Optional[str] = None,
    input_format: Optional[str] = None,
    keep_chrome: bool = False,
) -> Alignment:
    """Aligns a document with its translation as ura align does."""

def align_many(
    pairs: Iterable[Pair],
    jobs: Optional[int] = None,
    *,
    src_lang: Optional[str] = None,
    tgt_lang: Optional[str] = None,
    max_bead: Optional[int] = None,
    band: Optional[int] = None,
    learn_lexicon: Optional[bool] = None,
    temperature: Optional[float] = None,
    dictionary: Union[Path, Iterable[Tuple[str, str]], None] = None,
    keep_unaligned: Optional[Literal["merge"]] = None,
    min_score: Optional[float] = None,
    wrapped: bool = False,
    presegmented: bool = False,
    encoding: Optional[str] = None,
    input_format: Optional[str] = None,
    keep_chrome: bool = False,
) -> list[Alignment]:
    """Aligns many pairs in parallel without the GIL, in input order."""

def read_document(
    path: Path,
    *,
    encoding: Optional[str] = None,
    input_format: Optional[str] = None,
    keep_chrome: bool = False,
) -> Document:
    """Reads a file as ura align reads it."""
