"""Old module paths that still work, with a warning: ``framing.clean`` and friends.

The modules ``clean``, ``compare``, ``keyness`` and ``tally`` had the names of the public
functions ``framing.clean``, ``framing.compare``, ``framing.keyness`` and ``framing.tally``, so a
name meant a module or a function depending on what had been imported. They are private now
(``framing._clean`` ...). Each old path is a small module whose attributes come from the
private one with a :class:`DeprecationWarning` that says what to use instead.

Examples
--------
>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from framing.clean import clean_corpus
>>> import framing
>>> clean_corpus is framing.clean_corpus, caught[0].category.__name__
(True, 'DeprecationWarning')
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import Any


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
