"""Old module paths that still work, with a warning: ``framing.scoring``, ``framing.clean`` ...

Every module that implements the public names is private (``framing._scoring``,
``framing._clean`` ...): the public names are at the top of the package, and no module shares
its name with a public function (``framing.clean`` is always the function). Code written
against the old paths keeps working: an import finder serves each old path as a small module
whose attributes come from the private one, with a :class:`DeprecationWarning` that says what
to use instead. There are no files at the old paths.

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from framing.scoring import score
>>> import framing
>>> score is framing.score, caught[0].category.__name__
(True, 'DeprecationWarning')
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import types
import warnings
from collections.abc import Callable
from typing import Any

#: Each old module path under ``framing.``, and the private module that holds its code now.
MOVED = {
    name: f"_{name}"
    for name in (
        "classify", "clean", "coding", "compare", "corpus", "dyad", "keyness", "lexicon", "plots",
        "report", "scoring", "stats", "stream", "tally", "text", "validate", "voice",
    )
}  # fmt: skip


def forward(old: str, new: str) -> Callable[[str], Any]:
    """A module ``__getattr__`` for the old path ``old``: the attribute of ``new``, with a
    warning naming the public spelling (``framing.<name>``) or, for a private name, the new path.
    """

    def __getattr__(name: str) -> Any:
        if name.startswith("__"):  # the import system's own lookups (__path__ ...)
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        module = importlib.import_module(new)
        try:
            value = getattr(module, name)
        except AttributeError:
            raise AttributeError(f"module {old!r} has no attribute {name!r}") from None
        package = importlib.import_module("framing")
        use = f"framing.{name}" if name in package.__all__ else f"{new}.{name} (private)"
        warnings.warn(
            f"{old}.{name}: the module {old} is private now ({new}); use {use}.",
            DeprecationWarning,
            stacklevel=2,
        )
        return value

    return __getattr__


class OldPaths(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """The import finder and loader of the old paths in :data:`MOVED` (PEP 451)."""

    def find_spec(
        self, fullname: str, path: Any = None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.partition(".")
        if package != "framing" or name not in MOVED:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: types.ModuleType) -> None:
        new = f"framing.{MOVED[module.__name__.partition('.')[2]]}"
        module.__doc__ = (
            f"Deprecated: the module ``{module.__name__}`` is private now (``{new}``); its public "
            "names are at the top of the package."
        )
        module.__getattr__ = forward(module.__name__, new)  # type: ignore[method-assign]
