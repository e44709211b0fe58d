"""One module per subcommand: its docstring is its --help, `add_arguments` and `run` its body."""
from . import build, check, export, extract, import_, init, plan, serve, status, update

COMMANDS = {
    "build": build,
    "plan": plan,
    "extract": extract,
    "init": init,
    "update": update,
    "status": status,
    "check": check,
    "export": export,
    "import": import_,
    "serve": serve,
}
