"""The manifest on its own: incremental saves, the old JSON manifest, rows that must not be believed."""
import json
import sqlite3

from brochure_builder.batch.manifest import MANIFEST, Entry, Manifest, entry_from


def entry(input_hash="h1", size=4, title="Peelings químicos", draft=False):
    return Entry(input_hash, {"leaflet": "a", "catalog": "b"}, size, "chemical-peels", "es", "retiro-madrid",
                 "office", "a4", False, title, "es", "1.2", "2025-11-01", "2027-11-01", draft,
                 "Clínica Dermatológica Retiro", "es")


def pdf(folder, name, data=b"%PDF"):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_what_is_saved_is_read_back(tmp_path):
    manifest = Manifest.load(tmp_path)
    output = pdf(tmp_path, "retiro-madrid/chemical-peels.es.pdf")
    manifest.record(output, entry())
    manifest.messages = {"shape": ["Version", "Λέξη"]}
    manifest.save()
    manifest.close()
    again = Manifest.load(tmp_path)
    assert again.notes == []
    assert again.is_current(output, "h1") and not again.is_current(output, "h2")
    assert again.entries() == {"retiro-madrid/chemical-peels.es.pdf": entry()}
    assert again.messages == {"shape": ["Version", "Λέξη"]}
    output.write_bytes(b"%PDF-changed")
    assert not again.is_current(output, "h1")  # not the PDF that was recorded
    output.unlink()
    assert not again.is_current(output, "h1") and again.present() == {}


def test_a_save_adds_what_was_recorded_since_the_last_one_and_nothing_else(tmp_path):
    manifest = Manifest.load(tmp_path)
    for index in range(50):
        manifest.record(pdf(tmp_path, f"c/{index}.pdf"), entry(size=4))
    manifest.save()
    inode = (tmp_path / MANIFEST).stat().st_ino
    statements = []
    manifest._writer().set_trace_callback(statements.append)
    manifest.save()  # nothing new: nothing written
    assert statements == []
    manifest.record(tmp_path / "c/50.pdf", entry(size=9))
    manifest.save()
    manifest.close()
    assert (tmp_path / MANIFEST).stat().st_ino == inode  # the same file, added to: not rewritten
    assert sum(statement.startswith("INSERT") for statement in statements) == 1  # one row written
    assert len(Manifest.load(tmp_path).entries()) == 51


def test_an_old_json_manifest_is_read_and_moved_into_the_database(tmp_path):
    output = pdf(tmp_path, "retiro-madrid/chemical-peels.es.pdf")
    legacy = {"format": 2, "messages": {"shape": ["Version"], "bad": [1]},
              "outputs": {"retiro-madrid/chemical-peels.es.pdf": vars(entry()),
                          "../outside.pdf": vars(entry()), "wrong.pdf": {**vars(entry()), "size": "4"}}}
    (tmp_path / "manifest.json").write_text(json.dumps(legacy))
    manifest = Manifest.load(tmp_path)
    assert manifest.notes == [f"{tmp_path}/manifest.json: the manifest of an earlier version, read; the next build "
                              "keeps it in manifest.sqlite and no longer reads this file"]
    assert manifest.is_current(output, "h1") and manifest.messages == {"shape": ["Version"]}
    assert list(manifest.present()) == ["retiro-madrid/chemical-peels.es.pdf"]
    manifest.save()
    manifest.close()
    again = Manifest.load(tmp_path)
    assert again.notes == [] and again.is_current(output, "h1") and list(again.entries()) == [
        "retiro-madrid/chemical-peels.es.pdf"]
    assert json.loads((tmp_path / "manifest.json").read_text()) == legacy  # left as it was


def test_a_json_manifest_that_cannot_say_which_pdfs_were_drafts_is_not_read(tmp_path):
    output = pdf(tmp_path, "retiro-madrid/chemical-peels.es.pdf")
    old = {key: value for key, value in vars(entry()).items()
           if key not in ("draft", "clinic_name", "clinic_name_lang", "title_lang")}
    (tmp_path / "manifest.json").write_text(json.dumps({"format": 1, "outputs": {
        "retiro-madrid/chemical-peels.es.pdf": old}}))
    manifest = Manifest.load(tmp_path)
    assert manifest.notes == [f"{tmp_path}/manifest.json: the manifest of an older version; every output is built "
                              "again"]
    assert not manifest.is_current(output, "h1") and manifest.entries() == {}


def test_rows_that_cannot_be_believed_are_left_out(tmp_path):
    manifest = Manifest.load(tmp_path)
    manifest.record(pdf(tmp_path, "good.pdf"), entry())
    manifest.save()
    manifest.close()
    with sqlite3.connect(tmp_path / MANIFEST) as connection:
        row = connection.execute("SELECT * FROM outputs").fetchone()
        for path in ("../outside.pdf", "/etc/x.pdf", "a/../../b.pdf"):
            connection.execute(f"INSERT INTO outputs VALUES ({', '.join('?' * len(row))})", (path, *row[1:]))
        connection.execute("INSERT INTO messages VALUES ('shape', '[1, 2]')")
    again = Manifest.load(tmp_path)
    assert list(again.entries()) == ["good.pdf"] and again.messages == {}


def test_entries_of_the_wrong_type_are_refused():
    good = vars(entry())
    assert entry_from(good) == entry()
    for field, value in (("size", "4"), ("size", True), ("large_print", 0), ("inputs", {"a": 1}), ("title", None)):
        assert entry_from({**good, field: value}) is None
    assert entry_from({**good, "extra": 1}) is None and entry_from({"size": 1}) is None
