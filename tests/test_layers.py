"""The package's shape: stages import only earlier stages and the shared kernels; pdf/ imports no stage."""
import ast
from pathlib import Path

import brochure_builder

PACKAGE = Path(brochure_builder.__file__).parent
KERNELS = {"errors", "files", "digests", "project", "profiles", "languages", "fonts", "colors", "atomic",
           "yamlfile", "schema", "__init__", "__version__"}
# Each stage (or top-level module) may import the kernels and the stages before it.
ORDER = ["content", "clinics", "catalogs", "render", "inputs", "pipeline", "batch", "serve", "commands", "cli",
         "__main__"]


def unit_of(module: str) -> str:
    first = module.split(".")[0]
    return "kernel" if first in KERNELS else first


def imports_of(path: Path) -> set[str]:
    """The package modules a file imports, as dotted names below brochure_builder."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[:len(here) - node.level])
            target = base + (node.module.split(".") if node.module else [])
            names = [target + [alias.name] for alias in node.names] if not node.module else [target]
            found |= {".".join(name) for name in names if name}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("brochure_builder."):
            found.add(node.module.removeprefix("brochure_builder."))
    return found


def allowed(unit: str, target: str) -> bool:
    if target in ("kernel", unit):
        return True
    if unit in ("kernel", "pdf"):
        return False  # kernels and the pdf leaf import no stage
    if target == "pdf":
        return ORDER.index(unit) >= ORDER.index("pipeline")
    return ORDER.index(target) < ORDER.index(unit)


def test_every_import_goes_to_a_kernel_or_an_earlier_stage():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        unit = unit_of(module)
        for target in imports_of(path):
            if not allowed(unit, unit_of(target)):
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_the_pdf_stage_is_a_leaf():
    for path in sorted((PACKAGE / "pdf").glob("*.py")):
        assert {unit_of(target) for target in imports_of(path)} <= {"kernel", "pdf"}, path.name


def test_every_module_says_what_it_is_for():
    assert [p.name for p in PACKAGE.rglob("*.py") if p.name != "__main__.py" and not ast.get_docstring(
        ast.parse(p.read_text()))] == []
