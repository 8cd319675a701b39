"""Imported once by the forkserver that starts build workers: the models load there, before any worker
is forked, so the workers share those pages instead of each loading its own copy (about 0.1 GiB less at
`--jobs 2`). A model that fails to load here is loaded again by each worker, which fails as it did before
this preload. The forkserver, and so the models, live until the process ends: a one-shot CLI build is
unaffected, and a single-lecture build (quiz, add) runs without workers."""
from __future__ import annotations

import signal
import sys

from quizgen.forkserver import quiet_if_the_pool_is_gone

# Ctrl-C reaches the whole process group: the build itself stops the workers and says so, and neither the
# forkserver (loading the models here) nor a worker forked from it prints a traceback of its own
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.excepthook = quiet_if_the_pool_is_gone

from quizgen.nlp.models import load_keybert, load_spacy  # noqa: E402

try:
    load_spacy()
    load_keybert()
except Exception:  # the workers load them again and report it
    pass
