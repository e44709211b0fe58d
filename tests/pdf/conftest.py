"""Builds the PDF tests share."""
import pytest

from ..conftest import REPO, assert_preflight_clean, run_cli, shared_build


@pytest.fixture(scope="session")
def variants(tmp_path_factory):
    """Both profiles x every format, Arabic (right to left) and English, for one clinic."""
    def make(out):
        args = ["build", "--root", str(REPO), "--out", str(out), "--clinic", "jabal-amman", "--brochure",
                "chemical-peels"]
        for option, values in (("--profile", ("office", "press")), ("--format", ("a4", "a5", "letter", "trifold"))):
            for value in values:
                args += [option, value]
        code, _, err = run_cli(*args)
        assert code == 0, err
        assert_preflight_clean(out)

    return shared_build(tmp_path_factory, "variants", make) / "jabal-amman"
