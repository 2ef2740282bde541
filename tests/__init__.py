from pathlib import Path

# The repository's root, for tests that read its files (Makefile, docker-compose.yml, locale/).
ROOT = Path(__file__).resolve().parent.parent
