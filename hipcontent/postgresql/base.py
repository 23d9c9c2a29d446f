"""Django's PostgreSQL backend, its per-request health check asked of the socket first, and its prepared
statements planned once per connection.

With CONN_HEALTH_CHECKS (settings.py: persistent connections are checked before a request reuses them, so a
connection the database dropped while idle is replaced instead of failing the request) Django sends
`SELECT 1` before each request's first query. That is a round trip of its own: through gunicorn, a small
detail's first render went from 2.92 to 2.69 ms without it, and the condition list's from 3.97 to 3.71 ms
(issue 15).

A PostgreSQL backend that is idle sends nothing on its own. When it is terminated (a restart, an immediate
shutdown, `pg_terminate_backend`) it sends its error and closes, or its socket is closed under it: either
way the socket becomes readable. So the socket is polled first, which costs no round trip: nothing to read
means nothing happened to the connection since its last reply, and it is reused as it is. Anything to read
(or a connection psycopg already knows is broken) goes to Django's own check, `SELECT 1`, which reads it:
a notice the server sent leaves the connection usable, an error or an end of file closes it.

What polling cannot see is what `SELECT 1` would not have seen sooner either: a peer that vanished without
closing (a network partition) shows up in the request's first query, as it would in the check's, and that
query's error is the request's 503 (hipcontent/api/http/errors.py).

Each connection also sets `plan_cache_mode = force_generic_plan`. It matters only to statements prepared
with parameters, which are the API's own (hipcontent/api/prepared.py; Django's queries bind on the client and
are never prepared with parameters). Those are written to be planned once for all their runs (constants
written in, a page's ids found by primary key); left to choose, PostgreSQL kept planning every run of a
list page afresh, because a LIMIT or OFFSET that is a parameter makes it price its plan for 10% of the list
(about 0.3 ms of planning a run at 10,000 conditions, for a page and its codes whose execution takes
0.07 ms). An explicit `prepare_threshold` in the database's OPTIONS (statements not prepared, e.g. behind a
pooler) leaves the setting as the server has it.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def _configure_connection(self, connection):
        # Called by Django for a new connection (and by a connection pool for each it opens); True: commit.
        commit = super()._configure_connection(connection)
        if "prepare_threshold" in self.settings_dict["OPTIONS"]:
            return commit
        with connection.cursor() as cursor:
            cursor.execute("SET plan_cache_mode = force_generic_plan")
        return True

    def close_if_health_check_failed(self):
        if self.pool or self.connection is None or not self.health_check_enabled or self.health_check_done:
            return super().close_if_health_check_failed()
        if not self.quiet() and not self.is_usable():
            self.close()
        self.health_check_done = True

    def quiet(self):
        """Whether the connection looks as it was left after its last reply: open, not broken, and nothing
        from the server waiting on its socket."""
        raw = self.connection
        if raw.closed or raw.broken:
            return False
        try:
            poller = select.poll()
            poller.register(raw.fileno(), select.POLLIN | select.POLLPRI)
            return not poller.poll(0)  # POLLHUP and POLLERR are reported whatever was asked
        except (OSError, ValueError):
            return False
