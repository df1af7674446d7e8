# Production image in two stages: the build stage compiles the catalogues and collects the
# static files; the runtime stage holds only Python, the installed site and its files, and runs
# gunicorn as a non-root user. The steps are docs/serving.md's "Production" steps, in order
# (tests/serving/test_dockerfile.py checks that they stay so).

FROM python:3.11-slim AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/venv/bin:$PATH

# msgfmt, for compilemessages; it stays in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# The whole project (see .dockerignore): new apps need no change here.
COPY . ./
# Every dependency at the version and with the hashes in requirements.lock (made by `make lock`),
# setuptools included, then the site itself without resolving anything again.
RUN python -m venv /venv \
    && pip install --require-hashes -r requirements.lock \
    && pip install --no-deps --no-build-isolation .

# Neither step needs a database or the real secret.
RUN DJANGO_SECRET_KEY=build-only python manage.py compilemessages
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput


FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    GUNICORN_BIND=0.0.0.0:8000

RUN useradd --create-home --uid 10001 site
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build /app /app

USER site
EXPOSE 8000
# /healthz answers without the database or an allowed Host header (serving/middleware.py).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py seed_content && exec gunicorn --config gunicorn.conf.py integration_site.wsgi"]
