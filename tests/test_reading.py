"""Reading content files at scale."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
def test_reading_many_files_keeps_no_memory_mapping_each(tmp_path: Path) -> None:
    """``check`` at 100,000 reports failed with ENOMEM: each read kept a mapping of the limit's size."""
    from portal.content.parsing import read_bytes

    names = []
    for i in range(3000):
        name = tmp_path / f"{i}.md"
        name.write_bytes(b"---\ntitle: x\n---\n" + b"a" * 3000)
        names.append(name)

    def mappings() -> int:
        with open("/proc/self/maps", encoding="utf-8") as handle:
            return sum(1 for _ in handle)

    before = mappings()
    kept = [read_bytes(str(name)) for name in names]
    assert all(len(data) == 3017 for data in kept)
    assert mappings() - before < 300  # one per file before the fix (3,000)
