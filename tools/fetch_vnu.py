"""Fetch the Nu HTML checker (vnu.jar) from the npm registry, checked by its hash.

    python tools/fetch_vnu.py VERSION SHA512-INTEGRITY TARGET

The npm package ``vnu-jar`` is the W3C's own build of the checker; the tests run it
with Java. Nothing else is taken from the package.
"""

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

MEMBER = "package/build/dist/vnu.jar"


def fetch(version: str, integrity: str, target: Path) -> None:
    url = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{version}.tgz"
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310
        archive = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode()
    if digest != integrity:
        sys.exit(f"{url}: hash {digest} is not the pinned {integrity}")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        jar = tar.extractfile(MEMBER).read()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(jar)
    partial.replace(target)


if __name__ == "__main__":
    version, integrity, target = sys.argv[1:]
    fetch(version, integrity, Path(target))
