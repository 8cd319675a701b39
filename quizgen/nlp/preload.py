"""Imported once by the forkserver that starts build workers: the models load there, before any worker
is forked, so the workers share those pages instead of each loading its own copy (about 0.1 GiB less at
`--jobs 2`). A model that fails to load here fails again, with its own error, in the worker."""
from __future__ import annotations

from quizgen.nlp.models import load_keybert, load_spacy

try:
    load_spacy()
    load_keybert()
except Exception:  # the worker reports it when it loads them itself
    pass
