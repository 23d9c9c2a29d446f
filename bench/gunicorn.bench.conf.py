"""gunicorn.conf.py for the bench, without the access log: a line per request would measure the log."""

from pathlib import Path

exec((Path(__file__).resolve().parent.parent / "gunicorn.conf.py").read_text())
accesslog = None
