FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PORT=8000

WORKDIR /app
RUN useradd --create-home --uid 1000 app

COPY pyproject.toml README.md ./
COPY hipcontent ./hipcontent
COPY conditions ./conditions
COPY faq ./faq
RUN pip install .

COPY . .
# collectstatic needs some key; this one exists only during the build and is never used to sign anything.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0
# Snapshot files (API_SNAPSHOT_DIR): written by the web processes and the worker, so owned by the app user.
RUN mkdir -p /app/var/snapshots && chown app /app/var/snapshots

USER app
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_seed && exec gunicorn hipcontent.wsgi --config gunicorn.conf.py"]
