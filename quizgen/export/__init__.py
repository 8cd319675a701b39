"""Writers for what a build produces: Anki decks, the lecture JSON, a TSV and a Markdown study guide."""
