"""Copy the pinned GOV.UK Frontend build from node_modules into static/vendor/.

Two rewrites, both required because Llais is not a service on GOV.UK:
- The GDS Transport font may be used only by services on GOV.UK, so its @font-face rules go
  and the font stack falls back to the system's sans-serif (which has every Welsh letter).
- The stylesheet's absolute /assets/ URLs become relative, so they resolve under STATIC_URL
  and WhiteNoise's hashed file names.
Idempotent; standard library only.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = ROOT / "static" / "vendor" / "govuk-frontend"
SYSTEM_FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",arial,sans-serif'


def build() -> None:
    if not SOURCE.is_dir():
        sys.exit("node_modules/govuk-frontend is missing: run `npm ci` first (make does).")
    if TARGET.exists():
        shutil.rmtree(TARGET)
    (TARGET / "assets").mkdir(parents=True)
    shutil.copytree(SOURCE / "assets" / "images", TARGET / "assets" / "images")
    shutil.copy2(SOURCE / "assets" / "manifest.json", TARGET / "assets" / "manifest.json")
    shutil.copy2(SOURCE / "govuk-frontend.min.js", TARGET / "govuk-frontend.min.js")
    css = (SOURCE / "govuk-frontend.min.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{font-family:GDS Transport;[^}]*\}", "", css)
    css = css.replace("font-family:GDS Transport,arial,sans-serif", f"font-family:{SYSTEM_FONTS}")
    css = css.replace("font-family:GDS Transport", f"font-family:{SYSTEM_FONTS}")
    css = css.replace("url(/assets/", "url(assets/")
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    (TARGET / "govuk-frontend.min.css").write_text(css, encoding="utf-8")
    js = (TARGET / "govuk-frontend.min.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    (TARGET / "govuk-frontend.min.js").write_text(js, encoding="utf-8")


if __name__ == "__main__":
    build()
