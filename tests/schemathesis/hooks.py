"""Schemathesis hooks for the API conformance run (tests/it/schemathesis.rs).

The run revokes sessions and logs out as it goes (those are documented operations), which
would leave every later request at 401. The token provider keeps one throwaway admin's
token while it still works and, once the server says it is gone, creates another
throwaway admin through the sandbox's local administration (`mdm sandbox user add`), so
the whole run is authenticated. Tokens travel through environment and pipes, never argv.
"""

import itertools
import json
import os
import subprocess
import urllib.error
import urllib.request

import schemathesis

_BIN = os.environ["MDM_BIN"]
_DB_DIR = os.environ["MDM_DB_DIR"]
_URL = os.environ["MDM_URL"]
_serial = itertools.count(1)


def _alive(token: str) -> bool:
    req = urllib.request.Request(_URL + "/v1/me", headers={"Authorization": "Bearer " + token})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status == 200
    except urllib.error.HTTPError:
        return False


def _new_admin() -> str:
    name = "fuzz-%d" % next(_serial)
    out = subprocess.run(
        [_BIN, "sandbox", "user", "add", name, "--role", "admin", "--db-dir", _DB_DIR, "-o", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)["token"]


@schemathesis.auth()
class ThrowawayAdmin:
    def __init__(self) -> None:
        self.token = os.environ.get("MDM_FUZZ_TOKEN") or _new_admin()
        self.users = 1

    def get(self, case, ctx):
        # Called at start and again after a 401: keep the token unless it is really gone.
        if not _alive(self.token):
            self.token = _new_admin()
            self.users += 1
        return self.token

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = "Bearer " + data


@schemathesis.hook
def before_call(ctx, case, kwargs):
    # `GET /v1/audit/events?wait=N` long-polls for up to N (≤ 60) seconds by design; a
    # second is enough to exercise it without stalling a worker for a minute.
    for query in (case.query, kwargs.get("params")):
        if isinstance(query, dict) and "wait" in query:
            try:
                query["wait"] = min(int(query["wait"]), 1)
            except (TypeError, ValueError):
                pass
