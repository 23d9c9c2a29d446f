"""gunicorn's settings for every way the service runs in production: `make serve`, the Docker image and so
docker-compose's `web`, each with `--config gunicorn.conf.py`. Options given on the command line win (the
tests bind to 127.0.0.1 that way)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# Twice the replica's cores is a usual start (docs/deploy.md).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
accesslog = "-"

# Request size limits, gunicorn's own defaults written out: they bound what one request can make a worker
# hold. A request over them never reaches Django: gunicorn answers it with its own HTML page (414 for the
# request line, 431 for the header fields; raw non-ASCII bytes in the request line are a 400). docs/deploy.md
# has the table and the proxy settings that answer these as problem documents before gunicorn sees them;
# tests/reliability/test_gunicorn_limits.py measures each limit against this file.
limit_request_line = 4094  # bytes of "GET /path?query HTTP/1.1", without its CRLF
limit_request_fields = 100  # header fields
limit_request_field_size = 8190  # bytes of one "Name: value" header line, with its CRLF


def post_worker_init(worker):
    """Move everything the worker loaded (Django, the URLconf, the serializers, the schema) out of the garbage
    collector's reach: it lives as long as the process, and a full collection would otherwise walk all of it
    again each time, a pause of 90 ms in-process and several hundred under load (measured for issue 15)."""
    import gc

    gc.freeze()
