# The image for web, worker and beat (docker-compose.yml). Two stages: Node.js only builds the
# GOV.UK Frontend assets; the runtime image has Python and WeasyPrint's libraries.
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    LLAIS_VAR_DIR=/var/lib/llais
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir uv \
    && useradd --system --create-home --home-dir /var/lib/llais llais \
    && install -d -o llais -g llais /var/lib/llais/media
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
COPY --from=frontend /build/node_modules ./node_modules
RUN python scripts/build_frontend.py \
    && rm -rf node_modules \
    && python manage.py compilemessages --ignore=/opt/venv -v0 \
    && DJANGO_SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
       DJANGO_SETTINGS_MODULE=config.settings.production \
       python manage.py collectstatic --noinput -v0
USER llais
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
