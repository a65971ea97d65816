"""Values from the data as a reader expects them in messages: ``2013``, not ``np.int64(2013)``.

Group names, years and option values often arrive as numpy scalars (a column's values, a
``pd.unique`` result); their ``repr`` shows the numpy type. :func:`plain` turns a numpy scalar
into the Python value it holds, and :func:`shown` is the ``repr`` of that value, for the
``{value!r}`` of a message. numpy is recognised by the type's module, so that this module (and
:mod:`framing.errors`, which uses it) imports nothing.

Examples
--------
>>> import numpy as np
>>> shown(np.int64(2013)), shown(np.float64(0.5)), shown(np.str_("Xinhua")), shown("TASS")
('2013', '0.5', "'Xinhua'", "'TASS'")
>>> shown_list([np.int64(2013), np.int64(2014)])
'2013, 2014'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["plain", "shown", "shown_list"]


def plain(value: Any) -> Any:
    """The Python value of a numpy scalar (``np.int64(2013)`` -> ``2013``); others unchanged.

    A ``numpy.datetime64`` or ``timedelta64`` becomes its text (``'2013-05-08'``), since its
    ``item()`` may be a bare count of nanoseconds.
    """
    kind = type(value)
    if kind.__module__ != "numpy" or not hasattr(value, "item"):
        return value
    if kind.__name__ in ("datetime64", "timedelta64"):
        return str(value)
    return value.item()


def shown(value: Any) -> str:
    """``repr`` of :func:`plain`: text quoted, numbers bare, never a numpy type name."""
    return repr(plain(value))


def shown_list(values: Iterable[Any]) -> str:
    """The values as :func:`shown` gives them, separated by ``", "``."""
    return ", ".join(shown(v) for v in values)
