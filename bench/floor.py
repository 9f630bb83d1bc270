"""The parsing floor: what reading every file and parsing its front-matter costs, and no more.

``python bench/floor.py CONTENT_DIR`` walks the folder, reads each Markdown file, splits the
front-matter with MkDocs' own regex (``mkdocs.utils.meta.YAML_RE``) and parses it with PyYAML's
``CSafeLoader``.  The portal's ``check``/``stats`` do this and more, so their time is compared to this.
"""

from __future__ import annotations

import os
import sys

import yaml
from mkdocs.utils.meta import YAML_RE


def main(top: str) -> int:
    files = parsed = 0
    for folder, _dirs, names in os.walk(top):
        for name in names:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8-sig") as handle:
                text = handle.read()
            files += 1
            match = YAML_RE.match(text)
            if match and isinstance(yaml.load(match.group(1), Loader=yaml.CSafeLoader), dict):
                parsed += 1
    print(f"{files} files, {parsed} front-matters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
