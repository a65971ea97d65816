"""``python -m framing``: the same as the ``framing`` command."""

from .cli import run

if __name__ == "__main__":
    run()
