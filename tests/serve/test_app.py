"""The workspace's rules: only known jobs, nothing outside the content, escaped text, builds from its own pages."""
import datetime as dt
import json
import re

from brochure_builder.serve.workspace import read_snapshot

from ..catalog_edit import set_translation
from ..conftest import REPO, run_cli
from .conftest import TODAY


def token_of(served, path: str) -> str:
    _, _, body = served.get(path)
    return re.search(rb'name="token" value="([^"]+)"', body)[1].decode()


def test_unknown_ids_and_paths_outside_the_content_are_not_found(served):
    for path in ("/preview/nowhere/chemical-peels/ar", "/preview/jabal-amman/no-such-leaflet/ar",
                 "/preview/jabal-amman/chemical-peels/el",  # a language this clinic does not print
                 "/translate/jabal-amman/chemical-peels/..", "/document/jabal-amman/..%2F..%2Fpyproject/ar",
                 "/download/jabal-amman/chemical-peels/ar",  # not built yet
                 "/files/templates/../../pyproject.toml", "/files/templates/%2e%2e/%2e%2e/pyproject.toml",
                 "/files/locales/el/LC_MESSAGES/brochures.po", "/files/fonts/../../../etc/passwd",
                 "/static/../app.py", "/nothing-here"):
        code, _, body = served.get(path)
        assert code == 404, path
        assert b"Not found" in body
    code, headers, body = served.get("/files/fonts/NotoSans-Regular.ttf")
    assert (code, headers["content-type"]) == (200, "font/ttf")
    assert body == (REPO / "fonts" / "NotoSans-Regular.ttf").read_bytes()


def test_a_symlink_out_of_the_content_folder_is_not_served(served_copy, tmp_path):
    (tmp_path / "secret.css").write_text("body { color: red }")
    (served_copy.root / "templates" / "leak.css").symlink_to(tmp_path / "secret.css")
    assert served_copy.get("/files/templates/leak.css")[0] == 404


def test_a_build_needs_the_pages_token_and_its_own_origin(served):
    path = "/build/jabal-amman/chemical-peels/ar"
    token = token_of(served, "/preview/jabal-amman/chemical-peels/ar")
    for body, headers in (("", {}), ("token=guess", {}),
                          (f"token={token}", {"Origin": "http://evil.example"}),
                          (f"token={token}", {"Sec-Fetch-Site": "cross-site"})):
        code, _, page = served.post(path, body, headers)
        assert code == 403, (body, headers)
        assert b"can only be started from this workspace" in page
    assert not (served.root / "out").exists()
    assert served.get(path)[0] == 405  # never by following a link


def test_only_its_own_host_name_is_answered(served):
    """Another name pointing at 127.0.0.1 (DNS rebinding) gets nothing."""
    assert served.get("/", headers={"Host": "evil.example"})[0] == 400


def test_pages_allow_no_requests_beyond_the_workspace(served):
    _, headers, _ = served.get("/")
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "script-src 'self'" in policy
    _, headers, body = served.get("/document/jabal-amman/chemical-peels/ar")
    assert "script-src" not in headers["content-security-policy"]  # no script in a leaflet at all
    assert b"<script" not in body


def test_catalog_text_is_text_never_html(served_copy):
    attack = '<img src=x onerror="alert(1)"> Χημικά πίλινγκ'
    set_translation(served_copy.root, "el", "Chemical peels", attack)
    code, _, body = served_copy.get("/translate/lykavittos-athens/chemical-peels/el")
    assert code == 200
    assert b"<img src=x" not in body
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; Χημικά πίλινγκ".encode() in body
    assert b"HTML is not allowed in a translation" in body  # check's finding, next to the message
    _, _, dashboard = served_copy.get("/")
    assert b"<img src=x" not in dashboard and b"Refused" in dashboard
    _, _, document = served_copy.get("/document/lykavittos-athens/chemical-peels/el")
    assert b"<img src=x" not in document  # refused translations are not printed: the English is


def test_the_dashboard_counts_and_verdicts_are_those_of_status_and_build(project_copy):
    set_translation(project_copy, "ar", "Chemical peels", "تقشير", fuzzy=True)
    set_translation(project_copy, "ar", "What is a chemical peel?", "")
    code, out, _ = run_cli("status", "--root", str(project_copy), "--lang", "ar", "--json")
    assert code == 0
    rows = {row["leaflet"]: row for row in json.loads(out)["catalogs"]}
    snapshot = read_snapshot(project_copy, project_copy / "out", TODAY)
    verdict = snapshot.verdict(snapshot.job("jabal-amman", "chemical-peels", "ar"))
    assert (verdict.counts.fuzzy, verdict.counts.untranslated) == (1, 1)
    assert (rows["chemical-peels"]["fuzzy"], rows["chemical-peels"]["untranslated"]) == (1, 1)
    assert verdict.state == "draft" and not rows["chemical-peels"]["printable"]
    assert verdict.reasons == ["translation incomplete (1 untranslated, 1 fuzzy): build refuses it "
                               "(--allow-incomplete prints a DRAFT with English in their place)"]
    other = snapshot.verdict(snapshot.job("jabal-amman", "mesotherapy-acne-scars", "ar"))
    assert other.state == "printable" and rows["mesotherapy-acne-scars"]["printable"]
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "jabal-amman", "--lang", "ar",
                           "--brochure", "chemical-peels", "--today", TODAY.isoformat(),
                           "--out", str(project_copy / "o"))
    assert code == 1 and "refused: ar: chemical-peels: 1 untranslated, 1 fuzzy" in err


def test_a_leaflet_past_its_review_and_a_broken_file_are_shown_not_fatal(project_copy):
    leaflet = project_copy / "brochures" / "mesotherapy-acne-scars.yaml"
    leaflet.write_text(leaflet.read_text().replace("sections:", "sectoins:", 1))
    snapshot = read_snapshot(project_copy, project_copy / "out", dt.date(2030, 1, 1))
    broken = snapshot.verdict(snapshot.job("retiro-madrid", "mesotherapy-acne-scars", "es"))
    assert broken.state == "refused"
    assert any(line.startswith("brochures/mesotherapy-acne-scars.yaml:") and "sectoins" in line
               for line in broken.reasons)
    overdue = snapshot.verdict(snapshot.job("retiro-madrid", "chemical-peels", "es"))
    assert overdue.state == "overdue"
    assert overdue.reasons[0].startswith("review was due on 2029-11-01: build refuses it")
