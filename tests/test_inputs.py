"""Tests for extract.documents: every kind of input ends as a record with a status."""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import shutil

import charset_normalizer
import pytest

from extract.documents import formats, language
from graph.errors import InputNotFound, UserError
from extract.documents import Document, clean_text, iter_documents, language_note, load_documents

ENGLISH = (
    "Iraq's parliament confirmed the former intelligence official as prime minister in May, after mass "
    "demonstrations forced the resignation of his predecessor. He immediately set about crossing the red "
    "lines of the factions that have paralyzed the national government, and he said that the militias "
    "would be brought under the control of the state."
)
FRENCH = (
    "Le président de la République a reçu mardi à l'Élysée les représentants des syndicats. Après une "
    "longue réunion, ils ont déclaré que les négociations allaient se poursuivre la semaine prochaine. "
    "« Nous avons été entendus », a affirmé la secrétaire générale, qui a prévenu que la grève reprendrait."
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag neue Maßnahmen gegen die steigenden Energiepreise beschlossen. "
    "Nach Angaben des Wirtschaftsministeriums sollen Haushalte mit geringem Einkommen im kommenden Winter "
    "einen Zuschuss erhalten. Die Opposition kritisierte, das Paket komme zu spät und sei nicht ausreichend."
)
ARABIC = (
    "قال رئيس الوزراء العراقي إن الحكومة ستواصل جهودها لمكافحة الفساد وإعادة الاستقرار إلى البلاد، "
    "مضيفا أن الانتخابات المبكرة ستجرى في موعدها المحدد العام المقبل رغم التحديات الأمنية والاقتصادية."
)


def write(path: pathlib.Path, content: str | bytes) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def only(docs: list[Document]) -> Document:
    assert len(docs) == 1, docs
    return docs[0]


def load_one(path: pathlib.Path) -> Document:
    return only(load_documents([path]))


# --- inputs that do not exist --------------------------------------------------------------------


def test_missing_input_raises_before_anything_is_read(tmp_path):
    write(tmp_path / "docs" / "a.txt", ENGLISH)
    missing = tmp_path / "nope"
    with pytest.raises(InputNotFound) as info:
        # Raised by the call itself, not on first iteration, even though the
        # valid folder comes first.
        iter_documents([tmp_path / "docs", missing])
    assert isinstance(info.value, UserError)
    message = str(info.value)
    assert message.startswith("E001: input not found: ")
    assert str(missing) in message
    assert "run kg build with no argument to build seeds/" in message


# --- folders -------------------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_sorted_order_with_relative_posix_ids(tmp_path):
    root = tmp_path / "docs"
    for rel in ["b/z.txt", "b/a/inner.md", "a.txt", "c.txt", "B.txt"]:
        write(root / rel, f"Text of {rel}.")
    docs = load_documents([root])
    assert [d.doc_id for d in docs] == ["B.txt", "a.txt", "b/a/inner.md", "b/z.txt", "c.txt"]
    assert all(d.status == "ok" for d in docs)
    assert docs[2].source == os.fspath(root / "b" / "a" / "inner.md")
    assert docs[2].text == "Text of b/a/inner.md."


def test_inputs_keep_their_order_and_a_file_given_directly_is_named_by_its_file_name(tmp_path):
    write(tmp_path / "folder" / "x.txt", "From the folder.")
    given = write(tmp_path / "elsewhere" / "deep" / "given.txt", "Given directly.")
    docs = load_documents([given, tmp_path / "folder"])
    assert [d.doc_id for d in docs] == ["given.txt", "x.txt"]
    assert docs[0].source == os.fspath(given)


def test_hidden_files_and_folders_are_ignored(tmp_path):
    write(tmp_path / "visible.txt", "Visible.")
    write(tmp_path / ".hidden.txt", "Hidden.")
    write(tmp_path / ".git" / "notes.txt", "Hidden folder.")
    write(tmp_path / "sub" / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    assert [d.doc_id for d in load_documents([tmp_path])] == ["visible.txt"]


def test_a_hidden_file_named_explicitly_is_read(tmp_path):
    doc = load_one(write(tmp_path / ".notes.txt", "Asked for by name."))
    assert doc.status == "ok"


def test_empty_folder_is_reported(tmp_path):
    write(tmp_path / "empty" / ".gitkeep", "")
    doc = load_one(tmp_path / "empty")
    assert doc.status == "skipped"
    assert doc.reason.startswith("empty folder: no files found")


@pytest.fixture
def symlinks(tmp_path):
    try:
        os.symlink(tmp_path, tmp_path / "probe")
    except (OSError, NotImplementedError):
        pytest.skip("symbolic links not supported here")
    os.unlink(tmp_path / "probe")


def test_symlink_loop_is_reported_once_and_does_not_hang(tmp_path, symlinks):
    root = tmp_path / "docs"
    write(root / "sub" / "a.txt", "Inside.")
    os.symlink("..", root / "sub" / "up")  # sub/up -> docs: a loop
    docs = load_documents([root])
    assert [(d.doc_id, d.status) for d in docs] == [("sub/a.txt", "ok"), ("sub/up", "skipped")]
    assert docs[1].reason == "symbolic link loop: points back to the input folder; not followed"


def test_symlink_to_a_folder_already_read_is_not_read_twice(tmp_path, symlinks):
    root = tmp_path / "docs"
    write(root / "real" / "a.txt", "Inside.")
    os.symlink("real", root / "zlink")
    docs = load_documents([root])
    assert [(d.doc_id, d.status) for d in docs] == [("real/a.txt", "ok"), ("zlink", "skipped")]
    assert docs[1].reason == "folder already read as 'real' (reached again through a symbolic link); not followed"


def test_symlink_to_a_folder_outside_is_followed(tmp_path, symlinks):
    write(tmp_path / "outside" / "a.txt", "Outside.")
    (tmp_path / "docs").mkdir()
    os.symlink(tmp_path / "outside", tmp_path / "docs" / "linked")
    assert [(d.doc_id, d.status) for d in load_documents([tmp_path / "docs"])] == [("linked/a.txt", "ok")]


def test_self_referencing_and_broken_symlinks_are_reported(tmp_path, symlinks):
    root = tmp_path / "docs"
    write(root / "ok.txt", "Fine.")
    os.symlink("self", root / "self")
    os.symlink("missing.txt", root / "broken.txt")
    docs = {d.doc_id: d for d in load_documents([root])}
    assert docs["ok.txt"].status == "ok"
    assert docs["self"].status == "skipped"
    assert docs["self"].reason.startswith("symbolic link loop")
    assert docs["broken.txt"].status == "skipped"
    assert docs["broken.txt"].reason == "broken symbolic link (its target does not exist)"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_skipped_not_read(tmp_path):
    # Reading a FIFO would block forever; it must be skipped without opening it.
    (tmp_path / "docs").mkdir()
    os.mkfifo(tmp_path / "docs" / "pipe.txt")
    os.mkfifo(tmp_path / "given.txt")
    docs = load_documents([tmp_path / "docs", tmp_path / "given.txt"])
    assert [d.status for d in docs] == ["skipped", "skipped"]
    assert all(d.reason == "not a regular file (device, pipe or socket); not read" for d in docs)


# --- file types ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.md", "A.TXT"])
def test_text_and_markdown_are_read_as_text(tmp_path, name):
    doc = load_one(write(tmp_path / name, "# Title\n\nSome *text*.\n"))
    assert doc.status == "ok"
    assert doc.text == "# Title\n\nSome *text*.\n"
    assert doc.reason == "read as plain text"
    assert doc.notes == []


def test_content_hash_is_sha256_of_the_final_text(tmp_path):
    doc = load_one(write(tmp_path / "a.txt", b"\xef\xbb\xbfOne.\r\nTwo."))
    assert doc.text == "One.\nTwo."
    assert doc.content_hash == hashlib.sha256("One.\nTwo.".encode()).hexdigest()


HTML = """<!DOCTYPE html>
<html><head><title> The  Title </title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
<!-- a comment -->
<nav><ul><li>Home</li><li>World</li></ul></nav>
<h1>Minister resigns</h1><p>The minister resigned on Monday.<br>He gave no reason.</p>
<div>Officials   declined
to comment &amp; left.<noscript>Enable JavaScript</noscript></div>
<template><p>hidden template</p></template>
<p>Inline <b>bold</b> and <a href="#">link</a> stay in the sentence.</p>
<script>track()</script>
</body></html>
"""


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_html_is_reduced_to_visible_text_with_blocks_as_paragraphs(tmp_path, suffix):
    doc = load_one(write(tmp_path / f"page{suffix}", HTML))
    assert doc.status == "ok"
    assert doc.reason == "converted from HTML"
    assert doc.metadata == {"title": "The Title"}
    assert doc.text == (
        "Home\n\nWorld\n\n"
        "Minister resigns\n\n"
        "The minister resigned on Monday.\nHe gave no reason.\n\n"
        "Officials declined to comment & left.\n\n"
        "Inline bold and link stay in the sentence."
    )
    for hidden in ("color", "not text", "track", "comment -", "Enable JavaScript", "hidden template"):
        assert hidden not in doc.text


def test_html_with_no_visible_text_is_skipped_as_empty(tmp_path):
    doc = load_one(write(tmp_path / "a.html", "<html><head><script>x()</script></head><body> </body></html>"))
    assert doc.status == "skipped"
    assert doc.reason == "empty document (no visible text in the HTML)"


def test_deeply_nested_html_does_not_hit_the_recursion_limit(tmp_path):
    doc = load_one(write(tmp_path / "deep.html", "<div>" * 3000 + "Deep text." + "</div>" * 3000))
    assert (doc.status, doc.text) == ("ok", "Deep text.")


def test_unsupported_types_in_folders_are_skipped_with_a_reason(tmp_path):
    write(tmp_path / "data.csv", "a,b\n1,2\n")
    write(tmp_path / "Makefile", "all:\n")
    docs = load_documents([tmp_path])
    assert [(d.doc_id, d.status, d.reason) for d in docs] == [
        ("Makefile", "skipped", "unsupported file type (no extension)"),
        ("data.csv", "skipped", "unsupported file type .csv"),
    ]


def test_a_file_given_by_path_with_an_unknown_extension_is_tried_as_text(tmp_path):
    doc = load_one(write(tmp_path / "article.text", "A plain article."))
    assert doc.status == "ok"
    assert doc.text == "A plain article."
    assert doc.notes == ["unknown file type .text; read as plain text"]


def test_a_binary_file_given_by_path_with_an_unknown_extension_is_still_skipped(tmp_path):
    doc = load_one(write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"))
    assert (doc.status, doc.reason) == ("skipped", "binary file (looks like JPEG image), not text")


# --- JSON Lines ----------------------------------------------------------------------------------


def jsonl(*lines: object) -> str:
    return "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"


def test_jsonl_gives_one_document_per_line_with_other_fields_as_metadata(tmp_path):
    path = write(
        tmp_path / "news.jsonl",
        jsonl(
            {"id": "n1", "text": "First story.", "title": "One", "category": "world"},
            "",
            "   ",
            {"id": 42, "text": "Second story."},
        ),
    )
    docs = load_documents([path])
    assert [(d.doc_id, d.source, d.status, d.text) for d in docs] == [
        ("n1", f"{path}:1", "ok", "First story."),
        ("42", f"{path}:4", "ok", "Second story."),
    ]
    assert docs[0].metadata == {"title": "One", "category": "world"}
    assert docs[0].reason == "JSON Lines record on line 1"


def test_bad_jsonl_lines_fail_alone_and_name_their_line(tmp_path):
    path = write(
        tmp_path / "mixed.jsonl",
        jsonl(
            {"id": "good1", "text": "Fine."},
            "{not json",
            '["an", "array"]',
            {"id": "no-text", "title": "x"},
            {"id": "bad-text", "text": 12},
            "null",
            {"id": "good2", "text": "Also fine."},
        ),
    )
    docs = load_documents([path])
    got = [(d.doc_id, d.status, d.reason) for d in docs]
    assert got == [
        ("good1", "ok", "JSON Lines record on line 1"),
        (
            "mixed.jsonl:2",
            "failed",
            "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        ),
        ("mixed.jsonl:3", "failed", 'line 3: expected a JSON object with "id" and "text", got an array'),
        ("no-text", "failed", 'line 4: no "text" field'),
        ("bad-text", "failed", 'line 5: "text" is a number, not a string'),
        ("mixed.jsonl:6", "failed", 'line 6: expected a JSON object with "id" and "text", got null'),
        ("good2", "ok", "JSON Lines record on line 7"),
    ]
    assert all(d.text is None for d in docs if d.status == "failed")


def test_jsonl_line_without_id_falls_back_to_file_and_line(tmp_path):
    write(tmp_path / "docs" / "sub" / "a.jsonl", jsonl({"text": "No id here."}, {"id": None, "text": "Null id."}))
    docs = load_documents([tmp_path / "docs"])
    assert [d.doc_id for d in docs] == ["sub/a.jsonl:1", "sub/a.jsonl:2"]
    assert docs[0].notes == ['no "id" field; id sub/a.jsonl:1 used']
    assert docs[1].notes == ['"id" is null, not a non-empty string or integer; id sub/a.jsonl:2 used']


def test_jsonl_text_is_cleaned_and_empty_records_skipped(tmp_path):
    path = write(
        tmp_path / "a.jsonl",
        jsonl({"id": "crlf", "text": "One.\r\nTwo.\u0000"}, {"id": "blank", "text": "  \n "}),
    )
    crlf, blank = load_documents([path])
    assert crlf.text == "One.\nTwo."
    assert "Windows line endings (\\r\\n) converted to \\n" in crlf.notes
    assert (blank.status, blank.reason) == ("skipped", "empty document")


def test_jsonl_file_with_bom_and_windows_line_endings_loads(tmp_path):
    data = b"\xef\xbb\xbf" + jsonl({"id": "a", "text": "A."}, {"id": "b", "text": "B."}).replace("\n", "\r\n").encode()
    docs = load_documents([write(tmp_path / "a.jsonl", data)])
    assert [(d.doc_id, d.status, d.text) for d in docs] == [("a", "ok", "A."), ("b", "ok", "B.")]
    # The file-level decoding note travels with every record.
    assert docs[0].notes == ["UTF-8 byte-order mark (BOM) removed"]


def test_empty_jsonl_file_is_reported(tmp_path):
    doc = load_one(write(tmp_path / "a.jsonl", "\n\n  \n"))
    assert (doc.doc_id, doc.status, doc.reason) == ("a.jsonl", "skipped", "empty document")


# --- empty and binary files ----------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_only_file_is_skipped(tmp_path, content):
    doc = load_one(write(tmp_path / "a.txt", content))
    assert (doc.status, doc.reason, doc.text, doc.content_hash) == ("skipped", "empty document", None, "")


@pytest.mark.parametrize(
    ("magic", "label"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive or Office document"),
    ],
)
def test_binary_file_renamed_txt_is_skipped(tmp_path, magic, label):
    doc = load_one(write(tmp_path / "renamed.txt", magic + b"more bytes"))
    assert (doc.status, doc.reason) == ("skipped", f"binary file (looks like {label}), not text")


def test_nul_bytes_near_the_start_mean_binary(tmp_path):
    doc = load_one(write(tmp_path / "a.txt", b"text\x00\x01\x02 more"))
    assert (doc.status, doc.reason) == ("skipped", "binary file (contains NUL bytes), not text")


def test_utf16_with_bom_is_text_not_binary(tmp_path):
    doc = load_one(write(tmp_path / "a.txt", "Hello from UTF-16.".encode("utf-16")))
    assert (doc.status, doc.text) == ("ok", "Hello from UTF-16.")
    assert doc.notes == ["decoded as UTF-16 (byte-order mark removed)"]


# --- encodings and cleaning ----------------------------------------------------------------------


def test_invalid_utf8_is_detected_and_decoded_with_a_note(tmp_path):
    text = "The café’s naïve owner said “no comment” to the reporters who were waiting outside."
    doc = load_one(write(tmp_path / "a.txt", text.encode("cp1252")))
    assert doc.status == "ok"
    assert doc.text == text
    assert doc.notes == ["not valid UTF-8; decoded as cp1252"]


def test_longer_french_cp1252_text_is_decoded_correctly(tmp_path):
    doc = load_one(write(tmp_path / "a.txt", FRENCH.encode("cp1252")))
    assert doc.text == FRENCH
    assert doc.notes[0] == "not valid UTF-8; decoded as cp1252"


def test_utf8_with_a_few_corrupt_bytes_stays_utf8(tmp_path):
    # One stray byte must not turn every other accented letter into mojibake.
    text = "The minister’s “reform” was welcomed at the café. " * 5
    data = text.encode() + b"\xff" + "Señor Pérez agreed.".encode() + "’".encode()[:2]
    doc = load_one(write(tmp_path / "a.txt", data))
    assert doc.status == "ok"
    assert doc.text == text + "\ufffdSeñor Pérez agreed.\ufffd"
    assert doc.notes == ["not valid UTF-8: 2 invalid byte sequences replaced with U+FFFD"]


def test_undetectable_encoding_fails(tmp_path, monkeypatch):
    # Make detection come back empty, as it does for bytes no code page explains.
    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: charset_normalizer.CharsetMatches())
    doc = load_one(write(tmp_path / "a.txt", b"caf\xe9"))
    assert (doc.status, doc.reason, doc.text) == ("failed", "not valid UTF-8, and no other text encoding fits", None)


def test_utf8_bom_is_removed_with_a_note(tmp_path):
    doc = load_one(write(tmp_path / "a.txt", b"\xef\xbb\xbfHello."))
    assert doc.text == "Hello."
    assert doc.notes == ["UTF-8 byte-order mark (BOM) removed"]


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        (b"One.\r\nTwo.\r\n", "Windows line endings (\\r\\n) converted to \\n"),
        (b"One.\rTwo.\r", "old Mac line endings (\\r) converted to \\n"),
    ],
)
def test_line_endings_are_normalised_and_offsets_refer_to_the_clean_text(tmp_path, raw, note):
    doc = load_one(write(tmp_path / "a.txt", raw))
    assert doc.text == "One.\nTwo.\n"
    assert doc.notes == [note]
    # Offsets are into the cleaned text: "Two." starts right after "One.\n".
    assert doc.text[5:9] == "Two."


def test_control_characters_are_removed_but_newline_and_tab_kept(tmp_path):
    # The NUL sits beyond the first 8 KB, so the file is not called binary.
    raw = b"a" * 9000 + b"\x00 col1\tcol2\x1b[0m\x07 page\x0cnext\n"
    doc = load_one(write(tmp_path / "a.txt", raw))
    assert doc.status == "ok"
    assert doc.text == "a" * 9000 + " col1\tcol2[0m page\nnext\n"
    assert "removed 3 control characters (NUL, ESC, ...)" in doc.notes
    assert "converted 1 vertical tab/form feed character to \\n" in doc.notes


def test_clean_text_leaves_clean_text_alone():
    assert clean_text("Plain\ttext.\n") == ("Plain\ttext.\n", [])


# --- unreadable files ----------------------------------------------------------------------------


def test_unreadable_file_fails_with_permission_denied(tmp_path):
    path = write(tmp_path / "secret.txt", "Top secret.")
    path.chmod(0)
    try:
        try:
            path.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("this user can read files without read permission (root)")
        doc = load_one(path)
    finally:
        path.chmod(0o644)
    assert (doc.status, doc.reason) == ("failed", "cannot read: permission denied")


def test_permission_error_while_reading_fails_only_that_file(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "Readable.")
    secret = write(tmp_path / "b.txt", "Secret.")
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(self):
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    docs = load_documents([tmp_path])
    assert [(d.doc_id, d.status, d.reason) for d in docs] == [
        ("a.txt", "ok", "read as plain text"),
        ("b.txt", "failed", "cannot read: permission denied"),
    ]


def test_unreadable_subfolder_fails_and_the_walk_continues(tmp_path, monkeypatch):
    write(tmp_path / "locked" / "a.txt", "Hidden by permissions.")
    write(tmp_path / "open" / "b.txt", "Readable.")
    real_scandir = os.scandir

    def scandir(path):
        if pathlib.Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    docs = load_documents([tmp_path])
    assert [(d.doc_id, d.status, d.reason) for d in docs] == [
        ("locked", "failed", "cannot read folder: permission denied"),
        ("open/b.txt", "ok", "read as plain text"),
    ]


def test_unexpected_error_in_one_file_does_not_sink_the_run(tmp_path, monkeypatch):
    write(tmp_path / "a.html", "<p>Broken parser.</p>")
    write(tmp_path / "b.txt", "Still read.")

    def explode(markup):
        raise RuntimeError("boom\nwith a second line")

    monkeypatch.setattr(formats, "_html_to_text", explode)
    docs = load_documents([tmp_path])
    assert [(d.doc_id, d.status, d.reason) for d in docs] == [
        ("a.html", "failed", "unexpected error: RuntimeError: boom with a second line"),
        ("b.txt", "ok", "read as plain text"),
    ]


# --- language ------------------------------------------------------------------------------------

FOOTBALL_LINEUP = (
    "Chelsea: Cech, Ferreira, Terry, Gallas, Bridge; Tiago, Makelele, Lampard; Duff, Drogba, Robben. "
    "Subs not used: Cudicini, Huth, Johnson, Kezman, Gudjohnsen. Booked: Terry, Makelele. Goals: Lampard 34, "
    "Drogba 71.\nEverton: Martyn, Hibbert, Yobo, Weir, Pistone; Osman, Carsley, Arteta, Cahill, Kilbane; "
    "Bent. Subs not used: Wright, Naysmith, Ferguson, McFadden, Watson. Booked: Cahill, Yobo.\n"
    "Att: 41,965. Ref: M Riley (W Yorkshire)."
)
RUGBY_LINEUP = (
    "Wales: G Thomas; H Luscombe, T Shanklin, G Henson, S Williams; S Jones, D Peel; G Jenkins, M Davies, "
    "A Jones, B Cockbain, R Sidoli, R Jones, M Williams, M Owen. Replacements: R McBryde, D Jones, J Thomas, "
    "C Sweeney, R Williams, M Phillips, K Morgan."
)
REPEATED = "Barack Obama met Vladimir Putin. " * 20_000
GERMAN_BRIDGE = (
    "Die Stadtverwaltung hat am Montag angekündigt, dass die Brücke über den Fluss ab nächster Woche für drei "
    "Monate gesperrt wird. Autofahrer sollen die Umleitung über die Landstraße nutzen, während Fußgänger und "
    "Radfahrer eine provisorische Fähre benutzen können."
)
FRENCH_BRIDGE = (
    "La mairie a annoncé lundi que le pont sur la rivière sera fermé pendant trois mois à partir de la semaine "
    "prochaine. Les automobilistes devront emprunter la déviation par la route départementale, tandis que les "
    "piétons et les cyclistes pourront utiliser un bac provisoire."
)
SPANISH_BRIDGE = (
    "El ayuntamiento anunció el lunes que el puente sobre el río permanecerá cerrado durante tres meses a partir "
    "de la próxima semana. Los conductores deberán tomar el desvío por la carretera comarcal, mientras que los "
    "peatones y ciclistas podrán usar un transbordador provisional."
)
DUTCH_BRIDGE = (
    "De gemeente heeft maandag bekendgemaakt dat de brug over de rivier vanaf volgende week drie maanden gesloten "
    "blijft. Automobilisten moeten de omleiding via de provinciale weg nemen, terwijl voetgangers en fietsers "
    "gebruik kunnen maken van een tijdelijke veerpont."
)
RUSSIAN_BRIDGE = (
    "Городская администрация объявила в понедельник, что мост через реку будет закрыт на три месяца начиная со "
    "следующей недели. Водителям предложено пользоваться объездной дорогой, а пешеходы и велосипедисты смогут "
    "переправляться на временном пароме."
)
CHINESE_BRIDGE = (
    "市政府星期一宣布，从下周开始，河上的大桥将封闭三个月。司机需要绕行省道，行人和骑自行车的人可以乘坐临时渡船过河。"
    "市长表示，这项工程十分紧迫，因为这座桥多年来一直存在损坏。"
)


@pytest.mark.parametrize(
    "text",
    [ENGLISH, REPEATED, FOOTBALL_LINEUP, RUGBY_LINEUP],
    ids=["news", "one sentence 20,000 times", "football line-up", "rugby line-up"],
)
def test_english_gets_no_language_note(text):
    assert language_note(text) is None


# The note names the language and py3langid's probability; its start is what the summary and
# the robustness bench look for.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GERMAN_BRIDGE, "probably not English (looks like German): py3langid: German (de), probability "),
        (FRENCH_BRIDGE, "probably not English (looks like French): py3langid: French (fr), probability "),
        (SPANISH_BRIDGE, "probably not English (looks like Spanish): py3langid: Spanish (es), probability "),
        (DUTCH_BRIDGE, "probably not English (looks like Dutch): py3langid: Dutch (nl), probability "),
        (FRENCH, "probably not English (looks like French): py3langid: French (fr), probability "),
        (GERMAN, "probably not English (looks like German): py3langid: German (de), probability "),
        (RUSSIAN_BRIDGE, "probably not English (mostly Cyrillic script): py3langid: Russian (ru), probability "),
        (ARABIC, "probably not English (mostly Arabic script): py3langid: Arabic (ar), probability "),
        (CHINESE_BRIDGE, "probably not English (mostly CJK script): py3langid: Chinese (zh), probability "),
    ],
    ids=["German", "French", "Spanish", "Dutch", "French 2", "German 2", "Russian", "Arabic", "Chinese"],
)
def test_other_languages_are_flagged_with_the_language_and_its_probability(text, expected):
    note = language_note(text)
    assert note is not None and note.startswith(expected), note
    probability = float(note.removeprefix(expected))
    # Latin-script languages pass MIN_PROBABILITY; the others are flagged by their script.
    assert probability >= (language.MIN_PROBABILITY if "looks like" in expected else 0.5)


@pytest.mark.parametrize(
    "text",
    ["Bonjour tout le monde.", "Die Regierung hat am Dienstag neue Regeln beschlossen.",
     "Путин встретился с Обамой в Москве.", "市政府星期一宣布大桥将封闭。", "Sarajevo Radio Bosnia-Herzegovina Network"],
    ids=["French", "German", "Russian", "Chinese", "names only"],
)
def test_short_text_is_not_judged(text):
    assert len("".join(c for c in text if c.isalpha()).encode()) < language.MIN_LETTER_BYTES
    assert language_note(text) is None


def test_a_long_text_is_judged_on_a_small_sample():
    slices, size = language.LANGUAGE_SAMPLE
    long_text = (GERMAN_BRIDGE + "\n") * 5_000  # 1.2 MB
    sample = language._language_sample(long_text)
    assert len(sample) <= slices * size + slices
    assert language_note(long_text).startswith("probably not English (looks like German)")
    # slices from the middle and the end, not only the start: an English preface does not hide the rest
    assert language_note(ENGLISH + "\n" + long_text[:50_000]).startswith("probably not English (looks like German)")
    assert language._language_sample(ENGLISH) == ENGLISH  # short texts are judged whole


def test_seed_articles_read_as_english():
    seeds = pathlib.Path(__file__).resolve().parent.parent / "seeds"
    if not seeds.is_dir():
        pytest.skip("no seeds/ folder")
    docs = load_documents([seeds])
    assert docs and all(d.status == "ok" for d in docs)
    assert not any("probably not English" in note for d in docs for note in d.notes)


def test_foreign_document_is_still_ok_with_a_note(tmp_path):
    doc = load_one(write(tmp_path / "fr.txt", FRENCH))
    assert doc.status == "ok"
    assert len(doc.notes) == 1
    assert doc.notes[0].startswith("probably not English (looks like French): py3langid: French (fr), probability ")


# --- duplicates ----------------------------------------------------------------------------------


def test_same_file_given_twice_is_a_duplicate(tmp_path):
    path = write(tmp_path / "a.txt", "Once.")
    first, second = load_documents([path, path])
    assert first.status == "ok"
    assert (second.doc_id, second.status, second.text) == ("a.txt", "skipped", None)
    assert second.reason == f"duplicate document id 'a.txt', already used by {path}"


def test_same_jsonl_id_in_two_files_keeps_the_first(tmp_path):
    write(tmp_path / "a.jsonl", jsonl({"id": "story-1", "text": "First version."}))
    write(tmp_path / "b.jsonl", jsonl({"id": "story-1", "text": "Second version."}))
    first, second = load_documents([tmp_path])
    assert (first.status, first.text) == ("ok", "First version.")
    assert (second.status, second.source) == ("skipped", f"{tmp_path / 'b.jsonl'}:1")
    assert second.reason == f"duplicate document id 'story-1', already used by {tmp_path / 'a.jsonl'}:1"


# --- the record itself ---------------------------------------------------------------------------


def test_document_refuses_text_on_a_record_that_is_not_ok():
    with pytest.raises(ValueError):
        Document(doc_id="a", source="a", status="skipped", text="x")
    with pytest.raises(ValueError):
        Document(doc_id="a", source="a", status="ok")


def test_a_single_path_is_not_taken_for_a_list_of_characters(tmp_path):
    write(tmp_path / "a.txt", "A.")
    assert [d.doc_id for d in load_documents(str(tmp_path))] == ["a.txt"]
    assert [d.doc_id for d in load_documents(tmp_path)] == ["a.txt"]


def test_iter_documents_is_lazy_and_matches_load_documents(tmp_path):
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.txt", "B.")
    iterator = iter_documents([tmp_path])
    assert next(iterator).doc_id == "a.txt"
    assert [d.model_dump() for d in load_documents([tmp_path])] == [
        d.model_dump() for d in iter_documents([tmp_path])
    ]


def test_every_record_has_a_one_line_reason(tmp_path):
    # A messy folder: every kind of problem at once; nothing raises, every reason is one line.
    write(tmp_path / "ok.txt", ENGLISH)
    write(tmp_path / "empty.md", "")
    write(tmp_path / "img.txt", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "bad.jsonl", "{oops\n")
    write(tmp_path / "x.bin", b"\x00")
    shutil.copy(tmp_path / "ok.txt", tmp_path / "copy.txt")
    docs = load_documents([tmp_path])
    assert len(docs) == 6
    assert all("\n" not in d.reason for d in docs)
    assert {d.status for d in docs} == {"ok", "skipped", "failed"}


# Texts with many English function words skip py3langid; the other languages' paragraphs have none of them.
@pytest.mark.parametrize(
    ("text", "english"),
    [(ENGLISH, True), (GERMAN_BRIDGE, False), (FRENCH_BRIDGE, False), (SPANISH_BRIDGE, False), (DUTCH_BRIDGE, False),
     (FRENCH, False), (GERMAN, False), (RUGBY_LINEUP, False)],
    ids=["English news", "German", "French", "Spanish", "Dutch", "French 2", "German 2", "rugby line-up (asked, then None)"],
)
def test_english_function_words_decide_without_the_model(text, english):
    assert (language._english_share(text) >= language.MIN_ENGLISH_SHARE) is english
