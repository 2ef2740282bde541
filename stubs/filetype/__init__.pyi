# The part of filetype (no types of its own) that core/uploads.py uses.
from typing import IO

class Type:
    @property
    def extension(self) -> str: ...
    @property
    def mime(self) -> str: ...

def guess(obj: bytes | bytearray | str | IO[bytes]) -> Type | None: ...
