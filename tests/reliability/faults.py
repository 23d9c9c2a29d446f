"""Dependencies the fault tests own and break: a redis-server and a PostgreSQL cluster of their own on free
ports (never the shared ones CI uses at 6379 and 5432), started, killed and restarted by the test, and the app
served by gunicorn as `make serve` and the Docker image run it."""

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REDIS_SERVER = shutil.which("redis-server")
REPOSITORY = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A throwaway redis-server on 127.0.0.1: nothing saved to disk, so a restart starts empty."""

    def __init__(self):
        if REDIS_SERVER is None:
            pytest.skip("redis-server is not installed: the Redis fault tests start their own")
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        command += ["--appendonly", "no", "--daemonize", "no"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=2)


def redis_caches(url):
    """CACHES as settings.py writes them for REDIS_URL=url."""
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


# ------------------------------------------------------------------------------------------- PostgreSQL


def postgres_bindir():
    """The folder holding initdb, pg_ctl and postgres: pg_config's, else Debian's newest, else the PATH's."""
    found = shutil.which("pg_config")
    if found:
        bindir = subprocess.run([found, "--bindir"], capture_output=True, text=True).stdout.strip()
        if os.path.exists(os.path.join(bindir, "initdb")):
            return bindir
    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda path: int(path.split("/")[-2])):
        if os.path.exists(os.path.join(bindir, "initdb")):
            return bindir
    initdb = shutil.which("initdb")
    return os.path.dirname(os.path.realpath(initdb)) if initdb else None


class OwnPostgres:
    """A throwaway PostgreSQL cluster in a temporary folder, on 127.0.0.1 and a free port, trust auth, no
    fsync.

    initdb and the server refuse to run as root, so as root (CI's containers) they run as the `postgres` user
    through runuser; as anyone else, as that user. Nothing outside the folder is written (no
    /etc/postgresql entry, unlike pg_createcluster), so `remove()` leaves nothing behind."""

    def __init__(self):
        self.bindir = postgres_bindir()
        if self.bindir is None:
            pytest.skip("initdb is not installed: the database fault test starts its own PostgreSQL cluster")
        self.as_user = []
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root with no `postgres` user: initdb refuses to run as root")
            if shutil.which("runuser") is None:
                pytest.skip("running as root without runuser: initdb refuses to run as root")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.port = None
        self.folder = tempfile.mkdtemp(prefix="hipcontent-pg-")
        if self.as_user:
            shutil.chown(self.folder, user="postgres")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "server.log")

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, tool, *args):
        command = [*self.as_user, os.path.join(self.bindir, tool), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            output = done.stderr or done.stdout
            raise RuntimeError(f"{tool} failed ({done.returncode}): {output}{self.log_tail()}")

    def log_tail(self):
        try:
            return "\n" + Path(self.log).read_text()[-2000:]
        except OSError:
            return ""

    def create(self):
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        # Chosen just before the server binds it (and kept for restarts): a port chosen earlier may meanwhile
        # be taken, e.g. as the local port of a client connection.
        self.port = free_port()
        self.start()

    def start(self):
        # The socket goes into the folder too, so nothing touches /var/run/postgresql.
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "30", "start")

    def stop(self):
        """Immediate mode: every server process quits at once, open connections are cut, as in a crash."""
        self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")

    def createdb(self, name):
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def remove(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            command = [*self.as_user, os.path.join(self.bindir, "pg_ctl"), "-D", self.data]
            subprocess.run([*command, "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


# -------------------------------------------------------------------------------------------- gunicorn

# What `make serve` and the Dockerfile run; the listening address and the worker count come from the test.
GUNICORN_CONFIG = REPOSITORY / "gunicorn.conf.py"


class Gunicorn:
    """The app served by gunicorn with the repository's gunicorn.conf.py, from the repository's folder, with
    the environment given (DEBUG off, as in production)."""

    def __init__(self, environment, *, workers=2):
        self.port = None  # chosen by start(), just before gunicorn binds it
        self.environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DATABASE_", "REDIS_", "PYTEST", "DJANGO_"))
        }
        self.environment.update(DEBUG="0", WEB_CONCURRENCY=str(workers), **environment)
        self.process = None
        # Kept open for the server's life and closed by stop(): no `with` fits.
        self.output = tempfile.TemporaryFile()  # noqa: SIM115

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def manage(self, *args):
        command = [sys.executable, "manage.py", *args]
        done = subprocess.run(
            command, cwd=REPOSITORY, env=self.environment, capture_output=True, text=True, timeout=120
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed: {done.stderr[-3000:]}")

    def start(self):
        self.port = free_port()
        self.environment["PORT"] = str(self.port)
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        command = [gunicorn, "hipcontent.wsgi", "--config", str(GUNICORN_CONFIG)]
        command += ["--bind", f"127.0.0.1:{self.port}"]  # not every interface, as the config's 0.0.0.0 does
        self.process = subprocess.Popen(
            command, cwd=REPOSITORY, env=self.environment, stdout=self.output, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn exited: {self.log()}"
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    expected = int(self.environment["WEB_CONCURRENCY"])
                    if response.status == 200 and len(self.workers()) == expected:
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not answer /healthz: {self.log()}")

    def workers(self):
        """The worker processes' ids (the master's children): a worker that crashed or was killed for a
        timeout is replaced by one with another id."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return set(children.read_text().split())

    def log(self):
        self.output.seek(0)
        return self.output.read().decode(errors="replace")[-4000:]

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.output.close()


# ------------------------------------------------------------------------------------------------- load


@dataclass(frozen=True)
class Answer:
    at: float  # when the request was sent (time.monotonic())
    path: str
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    content_type: str = ""
    retry_after: str | None = None
    body: bytes = b""


class Load:
    """Threads sending GETs to a server in turn over `paths` (which may be replaced while they run), each
    answer recorded with the time it was sent."""

    def __init__(self, base_url, paths, *, threads=4, limit=2000, seconds=90):
        self.base_url, self.paths = base_url, paths
        self.answers = []
        self.stop = threading.Event()
        self.limit, self.deadline = limit, time.monotonic() + seconds
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(threads)]

    def run(self, number):
        sent = number
        while not self.stop.is_set() and len(self.answers) < self.limit and time.monotonic() < self.deadline:
            paths = self.paths
            path = paths[sent % len(paths)]
            sent += 1
            self.answers.append(self.get(path))

    def get(self, path):
        at = time.monotonic()
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=10) as response:
                return Answer(at, path, response.status, response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as error:
            headers, body = error.headers, error.read()
            content_type, retry_after = headers.get("Content-Type", ""), headers.get("Retry-After")
            return Answer(at, path, error.code, content_type, retry_after, body)
        except OSError:
            return Answer(at, path, 0)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)

    def wait_for(self, count):
        """Until `count` more answers came in (bounded by the load's deadline)."""
        target = len(self.answers) + count
        while len(self.answers) < target:
            assert time.monotonic() < self.deadline, f"only {len(self.answers)} answers before the deadline"
            assert any(thread.is_alive() for thread in self.threads), "the load threads stopped"
            time.sleep(0.01)

    def answers_between(self, start, end=float("inf")):
        return [answer for answer in self.answers if start <= answer.at < end]

    def between(self, start, end=float("inf")):
        return [answer.status for answer in self.answers_between(start, end)]
