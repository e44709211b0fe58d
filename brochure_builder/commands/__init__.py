"""One module per subcommand: its docstring is its --help, `add_arguments` and `run` its body."""
from . import build, check, export, extract, import_, init, merge, plan, serve, status, update

COMMANDS = {
    "build": build,
    "plan": plan,
    "merge": merge,
    "extract": extract,
    "init": init,
    "update": update,
    "status": status,
    "check": check,
    "export": export,
    "import": import_,
    "serve": serve,
}
