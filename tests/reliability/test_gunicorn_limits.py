"""What a request over gunicorn's size limits gets, with gunicorn started as `make serve` and the Docker image
start it (gunicorn.conf.py), measured over a raw socket:

- up to each limit, Django answers (here a 404 problem document for a path no route matches);
- one byte or one field over it, gunicorn answers before Django, with its own HTML page: 414 for the request
  line, 431 for a header line or the number of header fields, 400 for raw non-ASCII bytes in the path.

docs/deploy.md states the same limits and answers, and how a proxy in front answers them as problem
documents; the last tests check that the config, the Makefile, the Dockerfile and the docs agree.
"""

import json
import re
import socket

import pytest
import yaml

from tests.reliability.faults import GUNICORN_CONFIG, REPOSITORY, Gunicorn

REQUEST_LINE = 4094
FIELD_LINE = 8190  # "Name: value\r\n"
FIELDS = 100


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # No route is matched and no view runs, so the database is never read: a SQLite file nobody migrated.
    database = tmp_path_factory.mktemp("gunicorn") / "unused.sqlite3"
    served = Gunicorn(
        {
            "SECRET_KEY": "test-only-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        workers=1,
    )
    try:
        served.start()
        yield served
    finally:
        served.stop()


def send(server, target, fields=()):
    """One request as raw bytes; the answer's status, Content-Type and body."""
    head = [b"GET " + target + b" HTTP/1.1", b"Host: 127.0.0.1", b"Connection: close", *fields]
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as connection:
        connection.sendall(b"\r\n".join(head) + b"\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    header, _, body = answer.partition(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers.get("Content-Type"), body


def target_for_request_line(length):
    """A path under /api/v1/ making the request line "GET <path> HTTP/1.1" exactly `length` bytes."""
    fixed = len(b"GET  HTTP/1.1") + len(b"/api/v1/") + len(b"/")
    return b"/api/v1/" + b"a" * (length - fixed) + b"/"


def assert_django_answered(answer, path):
    status, content_type, body = answer
    assert (status, content_type) == (404, "application/problem+json")
    assert json.loads(body) == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": f"No API resource at {path}.",
    }


def assert_gunicorn_answered(answer, status, title):
    assert answer[:2] == (status, "text/html")
    assert f"<title>{title}</title>".encode() in answer[2]


def test_a_request_line_up_to_the_limit_reaches_django_and_one_byte_more_is_gunicorns_414(server):
    target = target_for_request_line(REQUEST_LINE)
    assert len(b"GET " + target + b" HTTP/1.1") == REQUEST_LINE
    assert_django_answered(send(server, target), target.decode())

    assert_gunicorn_answered(send(server, target_for_request_line(REQUEST_LINE + 1)), 414, "URI Too Long")


def test_a_header_line_up_to_the_limit_reaches_django_and_one_byte_more_is_gunicorns_431(server):
    def field(length):
        line = b"X-Big: " + b"x" * (length - len(b"X-Big: \r\n"))
        assert len(line + b"\r\n") == length
        return line

    assert_django_answered(send(server, b"/api/v1/nothing/", [field(FIELD_LINE)]), "/api/v1/nothing/")

    answer = send(server, b"/api/v1/nothing/", [field(FIELD_LINE + 1)])
    assert_gunicorn_answered(answer, 431, "Request Header Fields Too Large")


def test_up_to_the_limit_of_header_fields_reaches_django_and_one_more_is_gunicorns_431(server):
    def fields(count):  # Host and Connection are two of them
        return [b"X-Field-%d: 1" % number for number in range(count - 2)]

    assert_django_answered(send(server, b"/api/v1/nothing/", fields(FIELDS)), "/api/v1/nothing/")

    answer = send(server, b"/api/v1/nothing/", fields(FIELDS + 1))
    assert_gunicorn_answered(answer, 431, "Request Header Fields Too Large")


@pytest.mark.parametrize("raw", [b"/api/v1/caf\xc3\xa9/", b"/api/v1/\xff/"], ids=["utf-8", "latin-1"])
def test_raw_non_ascii_bytes_in_the_path_are_gunicorns_400_and_percent_encoded_they_reach_django(server, raw):
    assert_gunicorn_answered(send(server, raw), 400, "Bad Request")

    encoded = re.sub(rb"[\x80-\xff]", lambda byte: b"%%%02X" % byte.group()[0], raw)
    status, content_type, body = send(server, encoded)
    assert (status, content_type) == (404, "application/problem+json")
    assert json.loads(body)["detail"].startswith("No API resource at /api/v1/")


# ------------------------------------------------------------------ one configuration, stated once


def test_the_config_sets_the_limits_measured_above():
    from gunicorn.config import Config

    config = Config()
    namespace = {}
    exec(compile(GUNICORN_CONFIG.read_text(), str(GUNICORN_CONFIG), "exec"), namespace)
    for name in ("limit_request_line", "limit_request_fields", "limit_request_field_size"):
        config.set(name, namespace[name])
    assert (config.limit_request_line, config.limit_request_field_size, config.limit_request_fields) == (
        REQUEST_LINE,
        FIELD_LINE,
        FIELDS,
    )


def test_each_worker_freezes_what_it_loaded_out_of_the_garbage_collectors_reach():
    import gc

    from gunicorn.config import Config

    config = Config()
    namespace = {}
    exec(compile(GUNICORN_CONFIG.read_text(), str(GUNICORN_CONFIG), "exec"), namespace)
    config.set("post_worker_init", namespace["post_worker_init"])
    gc.unfreeze()
    try:
        config.post_worker_init(None)  # as gunicorn calls it, once the worker has loaded the app
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_make_serve_and_the_docker_image_start_gunicorn_with_that_config():
    command = "gunicorn hipcontent.wsgi --config gunicorn.conf.py"
    serve = (REPOSITORY / "Makefile").read_text().split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/" + command in serve
    assert command in (REPOSITORY / "Dockerfile").read_text().split("\nCMD ", 1)[1]
    # docker-compose's web runs the image's command as it is.
    web = yaml.safe_load((REPOSITORY / "docker-compose.yml").read_text())["services"]["web"]
    assert "command" not in web


def test_the_deploy_guide_states_the_same_limits_and_answers():
    guide = (REPOSITORY / "docs" / "deploy.md").read_text()
    section = guide.split("## Request size limits", 1)[1].split("\n## ", 1)[0]
    for row in (
        f"| request line over {REQUEST_LINE} bytes | `414` |",
        f"| one header line over {FIELD_LINE} bytes | `431` |",
        f"| more than {FIELDS} header fields | `431` |",
        "| raw non-ASCII bytes in the path | `400` |",
    ):
        assert row in section, row
