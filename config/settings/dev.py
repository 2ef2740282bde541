from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)

# The embedded default keeps its SQLite file, broker folders and uploads here.
for folder in (VAR_DIR, VAR_DIR / "broker" / "queue", VAR_DIR / "broker" / "control"):
    folder.mkdir(parents=True, exist_ok=True)
