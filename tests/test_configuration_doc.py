"""docs/configuration.md lists exactly the environment variables the code reads.

The reads are found by parsing the project's Python files: calls to the typed readers of
integration_site/env.py, os.environ.get / os.environ[...] / os.getenv, with a literal name.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT = ROOT / "docs" / "configuration.md"
READERS = {"env_str", "env_bool", "env_int", "env_list", "env_networks", "getenv"}
SKIPPED = {".venv", "node_modules", ".git", "staticfiles"}


def _is_os_environ(node):
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def _called_name(call):
    function = call.func
    return function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")


def _is_read(call, readers):
    name = _called_name(call)
    if name in readers:
        return True
    return name in {"get", "setdefault"} and _is_os_environ(getattr(call.func, "value", None))


def _wrappers(tree):
    """Functions of the file that pass their first parameter to a reader (gunicorn.conf.py's
    ``_int(name, default)``): a call to one of them with a literal name is a read too."""
    found = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.args.args:
            parameter = function.args.args[0].arg
            for call in ast.walk(function):
                if (
                    isinstance(call, ast.Call)
                    and call.args
                    and _is_read(call, READERS)
                    and isinstance(call.args[0], ast.Name)
                    and call.args[0].id == parameter
                ):
                    found.add(function.name)
    return found


def _loop_names(tree):
    """Loop variables that run over a module-level tuple or list of names, e.g.
    ``for name in RETIRED_ADDRESS_VARIABLES``: a read of the variable reads each of them."""
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple | ast.List):
            items = [_literal(item) for item in node.value.elts]
            if items and all(items):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        constants[target.id] = items
    loops = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.comprehension | ast.For)
            and isinstance(node.target, ast.Name)
            and isinstance(node.iter, ast.Name)
            and node.iter.id in constants
        ):
            loops.setdefault(node.target.id, []).extend(constants[node.iter.id])
    return loops


def _literal(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def names_read_in(tree):
    readers = READERS | _wrappers(tree)
    loops = _loop_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_read(node, readers) and node.args:
            argument = node.args[0]
            if _literal(argument):
                yield _literal(argument)
            elif isinstance(argument, ast.Name):
                yield from loops.get(argument.id, [])
        elif isinstance(node, ast.Call) and _called_name(node) == "config":
            # dj_database_url.config() reads DATABASE_URL unless told another name.
            function = node.func
            if isinstance(function, ast.Attribute) and getattr(function.value, "id", "") == (
                "dj_database_url"
            ):
                names = [_literal(k.value) for k in node.keywords if k.arg == "env"]
                yield names[0] if names else "DATABASE_URL"
        elif (
            isinstance(node, ast.Subscript)
            and _is_os_environ(node.value)
            and isinstance(node.ctx, ast.Load)
            and _literal(node.slice)
        ):
            yield _literal(node.slice)


def python_files():
    for path in ROOT.rglob("*.py"):
        if not SKIPPED.intersection(path.relative_to(ROOT).parts):
            yield path


def variables_read():
    found = set()
    for path in python_files():
        found.update(names_read_in(ast.parse(path.read_text(), filename=str(path))))
    return found


def variables_documented():
    # The first cell of each table row, each `NAME` in it.
    names = set()
    for line in DOCUMENT.read_text().splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_the_scanner_finds_reads():
    tree = ast.parse(
        "import os\n"
        "env_int('A', 1)\nos.environ.get('B')\nos.environ['C']\nos.getenv('D')\n"
        "os.environ.setdefault('E', 'x')\nos.environ['F'] = 'written, not read'\n"
        "def _int(name, default):\n    return int(os.environ.get(name) or default)\n"
        "_int('G', 1)\n"
        "NAMES = ('H', 'I')\n[os.environ.get(n) for n in NAMES]\n"
        "import dj_database_url\ndj_database_url.config(default='sqlite://')\n"
    )
    assert set(names_read_in(tree)) == {"A", "B", "C", "D", "E", "G", "H", "I", "DATABASE_URL"}


def test_every_variable_the_code_reads_is_documented():
    missing = variables_read() - variables_documented()
    assert not missing, f"read by the code but not in docs/configuration.md: {sorted(missing)}"


def test_every_documented_variable_is_read_by_the_code():
    stale = variables_documented() - variables_read()
    assert not stale, f"in docs/configuration.md but read nowhere: {sorted(stale)}"
