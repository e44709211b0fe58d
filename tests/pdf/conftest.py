"""The PDF tests share `variants` (tests/conftest.py) and `large`."""
import pytest

from ..conftest import REPO, run_cli, shared_build


@pytest.fixture(scope="session")
def large(tmp_path_factory):
    """One large-print leaflet: Madrid's French mesotherapy leaflet."""
    def make(out):
        code, _, err = run_cli("build", "--root", str(REPO), "--out", str(out), "--clinic", "retiro-madrid",
                               "--lang", "fr", "--large-print", "--brochure", "mesotherapy-acne-scars")
        assert code == 0, err

    return shared_build(tmp_path_factory, "large", make) / "retiro-madrid" / "mesotherapy-acne-scars.fr.large.pdf"
