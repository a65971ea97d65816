"""Deprecated: the module ``framing.compare`` is private now (``framing._compare``).

Its public names are at the top of the package (``framing.compare`` is the function); the old
import path still works, with a :class:`DeprecationWarning` (:mod:`framing._moved`).
"""

from ._moved import forward

__getattr__ = forward(__name__, "framing._compare")
