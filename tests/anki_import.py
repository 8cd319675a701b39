"""Import an .apkg into a fresh collection of the official anki package (test-only: anki is AGPL)."""
from __future__ import annotations

from pathlib import Path


def import_apkg(apkg: Path, where: Path):
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

    col = Collection(str(where / "collection.anki2"))
    col.import_anki_package(ImportAnkiPackageRequest(
        package_path=str(apkg), options=ImportAnkiPackageOptions(with_scheduling=False)))
    return col
