"""A constructed corpus of many outlets, for tests of tables, reports and warnings at scale.

Every sentence here is constructed from the templates below (no real article text): 30 outlets
"Outlet 01" ... "Outlet 30" of three articles each, except that outlets 01-03 have a single
article (``single_document``) and outlet 30 never frames the power axis (``no_labels``, so its
power tests are skipped). Each outlet leans towards one pole of each axis, by its number.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Constructed sentences, by the label the built-in lexicon gives them.
TEMPLATES = {
    "equal": "In {place}, China and Russia are described as a partnership of equals.",
    "junior": "Seen from {place}, Russia is China's junior partner.",
    "friendship": "At the {place} meeting, Xi and Putin are old friends.",
    "convenience": "Ties between Beijing and Moscow in {place} are a marriage of convenience.",
    "none": "China and Russia held talks on trade in {place}.",
}
PLACES = ("Harbin", "Kazan", "Vladivostok", "Tianjin", "Samarkand", "Astana", "Irkutsk", "Xi'an")


def many_outlets(n_outlets: int = 30, n_docs: int = 3, seed: int = 0) -> pd.DataFrame:
    """Constructed articles of ``n_outlets`` outlets: columns ``doc_id``, ``outlet``, ``text``."""
    rng = np.random.default_rng(seed)
    rows = []
    for o in range(1, n_outlets + 1):
        outlet = f"Outlet {o:02d}"
        lean = o / (n_outlets + 1)  # share of the first pole of each axis
        for d in range(1 if o <= 3 else n_docs):
            sentences = []
            for s in range(10):
                place = PLACES[(o + d + s) % len(PLACES)]
                u = rng.random()
                if u < 0.4 and o != n_outlets:
                    pole = "equal" if rng.random() < lean else "junior"
                elif u < 0.8:
                    pole = "friendship" if rng.random() < lean else "convenience"
                else:
                    pole = "none"
                sentences.append(TEMPLATES[pole].format(place=place))
            rows.append((f"o{o:02d}-{d}", outlet, " ".join(sentences)))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "text"])
