"""`make_brochure.py serve` on the command line: where it listens, its one-line errors, a clean stop."""
import signal
import socket
import subprocess
import sys
import urllib.request

from ..conftest import REPO, run_cli


def test_a_host_other_machines_can_reach_needs_allow_remote():
    code, _, err = run_cli("serve", "--root", str(REPO), "--host", "0.0.0.0")
    assert code == 2
    assert err == ("error: --host: 0.0.0.0 can be reached from other machines, which could then read every leaflet "
                   "and start builds; add --allow-remote if that is meant\n")
    code, _, err = run_cli("serve", "--root", str(REPO), "--host", "intranet.example")
    assert (code, err) == (2, "error: --host: not an IP address: 'intranet.example' (e.g. 127.0.0.1)\n")


def test_a_port_in_use_is_one_line():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run_cli("serve", "--root", str(REPO), "--port", str(port))
    assert code == 2
    assert err.startswith(f"error: --port: cannot listen on 127.0.0.1 port {port}: ") and err.count("\n") == 1
    assert run_cli("serve", "--root", str(REPO), "--port", "70000")[0] == 2


def test_serve_says_where_it_listens_and_stops_cleanly_on_ctrl_c(tmp_path):
    process = subprocess.Popen([sys.executable, "-m", "brochure_builder", "serve", "--root", str(REPO), "--port", "0",
                                "--out", str(tmp_path / "out")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        line = process.stdout.readline()
        assert line.startswith(f"serving {REPO} at http://127.0.0.1:") and line.endswith("/ (Ctrl-C to stop)\n")
        url = line.split(" at ")[1].split(" ")[0]
        with urllib.request.urlopen(url + "static/app.css", timeout=10) as response:
            assert response.status == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    finally:
        process.kill()
    assert (process.returncode, out, err) == (0, "stopped\n", "")
    assert not (tmp_path / "out").exists()
