# Production image: gunicorn serving the site, whitenoise serving static files, non-root user.
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 site
WORKDIR /app

# The whole project (see .dockerignore): new apps need no change here.
COPY . ./
RUN pip install .

# collectstatic needs settings but no database or real secret.
RUN DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput

USER site
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py seed_content && exec gunicorn integration_site.wsgi --bind 0.0.0.0:8000"]
