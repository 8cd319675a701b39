"""The language stage: spaCy and the sentence embedder stay inside this package; it returns frozen values."""
