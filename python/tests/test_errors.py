"""Bad arguments raise TypeError or ValueError with the command's
message; a Rust panic raises RuntimeError."""

import pytest

import ura


@pytest.mark.parametrize(
    "src, kind, message",
    [
        (None, TypeError, r"src is None; give a text \(str\), the bytes of a document, a Document, or a list of sentences"),
        (42, TypeError, r"src is int; give a text \(str\)"),
        (["One.", 2], TypeError, r"src\[1\] is int, not str"),
        # A UTF-8 sequence, then a byte that cannot be one: not a legacy
        # encoding either. The command says the same of such a file.
        (b"caf\xc3\xa9 \xff", ValueError, "the source: invalid UTF-8 at byte 6; if it is in a legacy encoding, name it with encoding="),
    ],
)
def test_bad_sides(src, kind, message):
    with pytest.raises(kind, match="^" + message):
        ura.align(src, "Një.", "en", "sq")


def test_bad_language_codes_say_the_commands_message(cli, ura_bin):
    import subprocess

    done = subprocess.run([str(ura_bin), "align", "a", "b", "--src-lang", "e!n"], capture_output=True, text=True)
    assert done.returncode == 2
    with pytest.raises(ValueError, match=r"^invalid value 'e!n' for src_lang: ") as err:
        ura.align("One.", "Një.", "e!n", "sq")
    # The reason is the one the command gives for --src-lang.
    assert str(err.value).split(": ", 1)[1] in done.stderr
    with pytest.raises(TypeError, match="tgt_lang must be a language code"):
        ura.align("One.", "Një.", "en", 7)
    with pytest.raises(ValueError, match="for lang"):
        ura.split("One.", "??")


def test_paragraph_ids_must_fit_the_sentences():
    with pytest.raises(ValueError, match=r"src_paragraphs has 1 ids for 2 sentences"):
        ura.align(["A.", "B."], ["C."], "en", "sq", src_paragraphs=[0])
    with pytest.raises(ValueError, match=r"tgt_paragraphs\[1\] is 0, after 1: paragraph ids never decrease"):
        ura.align(["A."], ["C.", "D."], "en", "sq", tgt_paragraphs=[1, 0])
    with pytest.raises(ValueError, match="src_paragraphs applies to a list of sentences"):
        ura.align("A. B.", ["C."], "en", "sq", src_paragraphs=[0, 0])
    with pytest.raises(TypeError, match="src_paragraphs must be a list of int"):
        ura.align(["A."], ["C."], "en", "sq", src_paragraphs=["x"])


def test_unknown_and_bad_options():
    with pytest.raises(TypeError, match=r"^align\(\) got an unknown option 'maxbead'; the options are max_bead, band"):
        ura.align("A.", "B.", "en", "sq", maxbead=2)
    with pytest.raises(TypeError, match="option max_bead must be an int, not str"):
        ura.align("A.", "B.", "en", "sq", max_bead="2")
    with pytest.raises(ValueError, match="max_bead is 9; it is 1 to 4"):
        ura.align("A.", "B.", "en", "sq", max_bead=9)
    with pytest.raises(ValueError, match="not a number between 0 and 1"):
        ura.align("A.", "B.", "en", "sq", min_score=2)
    with pytest.raises(ValueError, match="keep_unaligned is 'drop'"):
        ura.align("A.", "B.", "en", "sq", keep_unaligned="drop")
    with pytest.raises(ValueError, match="wrapped and presegmented cannot both be set"):
        ura.align("A.", "B.", "en", "sq", wrapped=True, presegmented=True)
    with pytest.raises(ValueError, match="'pdff' is not an input format"):
        ura.align("A.", "B.", "en", "sq", input_format="pdff")
    with pytest.raises(TypeError, match=r"^align_many\(\) got an unknown option 'job'"):
        ura.align_many([], job=2)
    with pytest.raises(ValueError, match="jobs is 0"):
        ura.align_many([], jobs=0)
    with pytest.raises(TypeError, match="a pair is a"):
        ura.align_many(["A."])
    with pytest.raises(TypeError, match="unknown key 'source'"):
        ura.align_many([{"source": "A.", "tgt": "B."}])
    with pytest.raises(TypeError, match="text is bytes; give a str"):
        ura.split(b"A.")


def test_files_that_cannot_be_read_or_written(tmp_path):
    with pytest.raises(FileNotFoundError, match="cannot read .*missing.txt: No such file"):
        ura.read_document(tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError, match="cannot read .*nodict"):
        ura.align("A.", "B.", "en", "sq", dictionary=tmp_path / "nodict")
    a = ura.align("A.", "B.", "en", "sq")
    with pytest.raises(OSError, match="cannot write"):
        a.to_jsonl(tmp_path / "no" / "such" / "dir.jsonl")
    (tmp_path / "bin.txt").write_bytes(b"abc\x00def")
    with pytest.raises(ValueError, match="looks like a binary file"):
        ura.read_document(tmp_path / "bin.txt")


def test_a_rust_panic_is_a_runtime_error_not_a_crash():
    with pytest.raises(RuntimeError, match=r"^internal error: a test panic \(please report this\)"):
        ura._ura._panic()


def test_undecodable_bytes_say_what_the_command_says_of_such_a_file(tmp_path, ura_bin):
    import subprocess

    (tmp_path / "en.txt").write_bytes(b"caf\xc3\xa9 \xff")
    (tmp_path / "sq.txt").write_text("Një.", encoding="utf-8")
    done = subprocess.run([str(ura_bin), "align", tmp_path / "en.txt", tmp_path / "sq.txt"], capture_output=True, text=True)
    assert done.returncode == 1
    with pytest.raises(ValueError) as err:
        ura.align(b"caf\xc3\xa9 \xff", "Një.", "en", "sq")
    # The same reason; the command names the file and its flag, the
    # package the side and its option.
    reason = str(err.value).split(": ")[1].split(";")[0]
    assert reason == "invalid UTF-8 at byte 6"
    assert f"en.txt: {reason}; if it is in a legacy encoding, name it with --encoding" in done.stderr
