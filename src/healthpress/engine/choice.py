"""Which engine runs healthpress: MkDocs 1.6, or ProperDocs 1.6, MkDocs' maintained continuation.

ProperDocs installs as the `properdocs` package beside MkDocs (material requires `mkdocs`, so a
ProperDocs venv holds both). Its own command, `properdocs build`, imports `properdocs.replacement`,
which makes every later `mkdocs.*` import resolve to ProperDocs' module of the same name: healthpress,
material and the tests run on ProperDocs unchanged. `use_properdocs` does the same for every other
program (the `healthpress` command, pytest, `python -m mkdocs`). It must run before anything imports
`mkdocs`, so this module imports no engine module at its top; scripts/lib/env.sh calls it from a .pth
file at every start of .venv-properdocs' Python. The ProperDocs names it relies on are checked by
tests/unit/test_engine_internals.py, with MkDocs' (engine/internals.py).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import logging
import os
import sys

ENGINE_VARIABLE = "HEALTHPRESS_ENGINE"
ENGINES = ("mkdocs", "properdocs")


def use_engine(name: str | None = None) -> str:
    """Run on the engine named (default: $HEALTHPRESS_ENGINE, else mkdocs); the engine in use after it.

    Call it before anything imports `mkdocs`: once MkDocs is imported, it stays the engine."""
    name = name or os.environ.get(ENGINE_VARIABLE) or "mkdocs"
    if name not in ENGINES:
        raise ValueError(f"{ENGINE_VARIABLE} 只能是 {' 或 '.join(ENGINES)}，现在是“{name}”")
    if name == "properdocs" and not use_properdocs():
        raise RuntimeError("没有安装 ProperDocs（pip install 'healthpress[properdocs]'），"
                           "或者 MkDocs 已经先被载入")
    return engine_in_use()


def engine_in_use() -> str:
    """`properdocs` when `mkdocs.*` imports resolve to ProperDocs, else `mkdocs`."""
    engine = sys.modules.get("mkdocs")
    return "properdocs" if engine is not None and engine.__name__ == "properdocs" else "mkdocs"


def use_properdocs() -> bool:
    """Resolve every `mkdocs.*` import to ProperDocs from now on; False when ProperDocs is not installed
    or the real MkDocs was imported already (two engines in one process would mix their classes)."""
    loaded = sys.modules.get("mkdocs")
    if loaded is not None:
        return loaded.__name__ == "properdocs"
    if importlib.util.find_spec("properdocs") is None:
        return False
    import properdocs.replacement  # noqa: F401  (installs ProperDocs' own alias)

    sys.meta_path.insert(0, _MainFinder())
    # As `properdocs`' own command does: messages logged under `mkdocs.*` (older plugins, healthpress'
    # watcher) reach ProperDocs' handlers, its strict-mode counter among them.
    logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")
    return True


class _MainFinder:
    """`python -m mkdocs` runs ProperDocs' command, as the `mkdocs` script does. ProperDocs' alias makes
    `mkdocs.__main__` ProperDocs' module, but its loader gives runpy no code and no file to run; this
    one, ahead of it, does, for that module alone."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "mkdocs.__main__":
            return None
        real = importlib.util.find_spec("properdocs.__main__")
        return importlib.util.spec_from_loader(fullname, _MainLoader(real), origin=real.origin)


class _MainLoader(importlib.abc.Loader):
    def __init__(self, real) -> None:
        self.real = real

    def create_module(self, spec):
        module = importlib.import_module(self.real.name)  # one module under both names, like ProperDocs' alias
        sys.modules[spec.name] = module
        return module

    def exec_module(self, module) -> None:
        pass

    def get_code(self, fullname):
        return self.real.loader.get_code(self.real.name)
