#!/usr/bin/env python3
"""Validate a recorded Fleet exchange log against Fleet's published API descriptions.

Usage: validate_fleet.py [--contracts DIR] [--json] LOG.jsonl

LOG.jsonl holds one exchange per line as the Fleet fake records them (method, path, query,
request_headers, request_body, status, response_headers, response_body). Each request and
its response are validated with openapi-core against DIR/fleet-openapi.json (default
../shared/contracts/fleet beside the repository), a community OpenAPI 3.1 description of
Fleet's REST API. Fleet publishes no OpenAPI of its own: its authoritative description is
the REST documentation, DIR/rest-api.md, and where the two disagree the markdown wins
(../shared/contracts/README.md). Every such disagreement is written down here, as a
patch applied to the OpenAPI document before validation, with the line of rest-api.md it
comes from:

- `POST /hosts/{id}/lock`, `/unlock`, `/wipe` answer 200 with a JSON body (rest-api.md
  "Lock host", "Unlock host", "Wipe host": `device_status`, `pending_action`, for lock an
  optional `unlock_pin`, for unlock `host_id`); the OpenAPI declares no body. The bodies
  are declared from the markdown. The wipe request body (`windows.wipe_type`, `doWipe` or
  `doWipeProtected`) is declared too.
- `DELETE /hosts/{id}/mdm` answers 204 (rest-api.md "Turn off MDM": `Status: 204`); the
  OpenAPI says 200.
- `GET /hosts` and `GET /labels/{id}/hosts` take `after` (rest-api.md "List hosts" and
  "List hosts in a label", with `order_key`); the OpenAPI does not list it.
- Not a disagreement but a limit of the tool: query and path parameters typed
  `["integer", "null"]` (OpenAPI 3.1) are read as `integer` (a query string has no null,
  and openapi-core 0.23 cannot deserialize a parameter whose type is a list).
- Error answers (4xx, 5xx) that an operation does not declare are checked against the one
  error shape the markdown gives for every endpoint (`{"message": string, "errors":
  [{"name": string, "reason": string}]}`, rest-api.md "Authentication" and throughout),
  and a 429 or 503 may carry `retry-after` (seconds).
The exit code is 1 when there is any violation (2 when the validator itself cannot run).
"""

import argparse
import copy
import json
import os
import re
import sys
import urllib.parse
import warnings

try:
    import jsonschema
    from openapi_core import Config, OpenAPI
    from openapi_core.testing import MockRequest, MockResponse
    # The two validators read exchanges and report findings the same way.
    from validate_graph import body_bytes, describe
except ImportError as e:  # pragma: no cover
    print(f"error: {e}\nhint: .ci/venv/bin/pip install -r .ci/requirements.txt", file=sys.stderr)
    sys.exit(2)

HOST = "https://fleet.example.org"
warnings.filterwarnings("ignore", message="Unsupported scheme type")

STATUS_BODY = {
    "device_status": {"type": "string", "enum": ["unlocked", "locked", "locking", "unlocking", "wiped", "wiping"]},
    "pending_action": {"type": "string", "enum": ["", "lock", "unlock", "wipe"]},
}
MARKDOWN_BODIES = {
    ("post", "/api/v1/fleet/hosts/{id}/lock"): {
        "type": "object",
        "properties": {"unlock_pin": {"type": "string", "pattern": "^[0-9]{6}$"}, **STATUS_BODY},
        "required": ["device_status", "pending_action"],
        "additionalProperties": False,
    },
    ("post", "/api/v1/fleet/hosts/{id}/unlock"): {
        "type": "object",
        "properties": {"host_id": {"type": "integer"}, **STATUS_BODY},
        "required": ["host_id", "device_status", "pending_action"],
        "additionalProperties": False,
    },
    ("post", "/api/v1/fleet/hosts/{id}/wipe"): {
        "type": "object",
        "properties": STATUS_BODY,
        "required": ["device_status", "pending_action"],
        "additionalProperties": False,
    },
}
WIPE_REQUEST = {
    "type": "object",
    "properties": {
        "windows": {
            "type": "object",
            "properties": {"wipe_type": {"type": "string", "enum": ["doWipe", "doWipeProtected"]}},
            "required": ["wipe_type"],
            "additionalProperties": False,
        }
    },
    "additionalProperties": False,
}
ERROR = {
    "type": "object",
    "properties": {
        "message": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "reason"],
            },
        },
        "uuid": {"type": "string"},
    },
    "required": ["message", "errors"],
}


def patch(d):
    """Applies the markdown's word where the OpenAPI document disagrees (see the module doc)."""
    paths = d["paths"]
    for (method, tpl), schema in MARKDOWN_BODIES.items():
        ok = paths[tpl][method]["responses"].setdefault("200", {"description": "sent"})
        ok["content"] = {"application/json": {"schema": schema}}
    wipe = paths["/api/v1/fleet/hosts/{id}/wipe"]["post"]
    wipe["requestBody"] = {"required": False, "content": {"application/json": {"schema": WIPE_REQUEST}}}
    mdm = paths["/api/v1/fleet/hosts/{id}/mdm"]["delete"]["responses"]
    mdm.pop("200", None)
    mdm["204"] = {"description": "MDM turned off (rest-api.md: Status: 204)"}
    for item in paths.values():
        for op in item.values():
            if not isinstance(op, dict):
                continue
            for param in op.get("parameters", []):
                t = param.get("schema", {}).get("type")
                if isinstance(t, list):
                    param["schema"]["type"] = next((x for x in t if x != "null"), "string")
    for tpl in ("/api/v1/fleet/hosts", "/api/v1/fleet/labels/{id}/hosts"):
        paths[tpl]["get"]["parameters"].append({"name": "after", "in": "query", "required": False, "schema": {"type": "string"}})


class Contract:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        patch(d)
        self.doc = d
        self.templates = []
        for tpl, item in d["paths"].items():
            parts = re.split(r"(\{[^}]+\})", tpl)
            rx = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
            methods = {m for m in item if m in ("get", "post", "patch", "put", "delete")}
            self.templates.append((re.compile(rx + r"\Z"), tpl, tpl.count("{"), methods))
        self.api = OpenAPI.from_dict(d, config=Config(spec_validator_cls=None))

    def find(self, path, method):
        """The template of the operation, the most literal one when several match."""
        best = None
        for rx, tpl, params, methods in self.templates:
            if rx.match(path) and method in methods and (best is None or params < best[1]):
                best = (tpl, params)
        return best and best[0]

    def declares(self, tpl, method, status):
        responses = self.doc["paths"][tpl][method].get("responses", {})
        return str(status) in responses or f"{str(status)[0]}XX" in responses


def validate_exchange(c, ex):
    """[(side, message)] for one exchange."""
    path, method, status = ex["path"], ex["method"].lower(), int(ex["status"])
    tpl = c.find(path, method)
    if tpl is None:
        return [("request", f"no operation {method.upper()} {path} in fleet-openapi.json")]
    out = []
    headers = dict(ex.get("request_headers") or {})
    args = dict(urllib.parse.parse_qsl(ex.get("query", ""), keep_blank_values=True))
    req_body = ex.get("request_body")
    if req_body is not None and "content-type" not in headers:
        out.append(("request", "a request body without a Content-Type header"))
    req_ct = headers.get("content-type", "application/json").split(";")[0].strip()
    req = MockRequest(HOST, method, path, args=args, headers=headers,
                      data=body_bytes(req_body), content_type=req_ct)
    try:
        c.api.validate_request(req)
    except Exception as e:  # openapi-core raises one exception per failed request
        out.append(("request", describe(e)))
    resp_body = ex.get("response_body")
    rh = dict(ex.get("response_headers") or {})
    if status >= 400 and not c.declares(tpl, method, status):
        try:
            jsonschema.validate(resp_body, ERROR)
        except jsonschema.ValidationError as e:
            out.append(("response", f"error body is not Fleet's error shape: {e.message[:300]}"))
        ra = rh.get("retry-after")
        if ra is not None and (status not in (429, 503) or not ra.isdigit()):
            out.append(("response", f"retry-after {ra!r} on a {status}"))
        return out
    if status == 204 and resp_body is not None:
        out.append(("response", "a 204 with a body"))
    resp_ct = rh.get("content-type", "application/json").split(";")[0].strip()
    resp = MockResponse(body_bytes(resp_body), status_code=status, headers=rh,
                        content_type=resp_ct if resp_body is not None else None)
    try:
        c.api.validate_response(req, resp)
    except Exception as e:
        out.append(("response", describe(e)))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "contracts", "fleet"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--contracts", default=os.environ.get("MDM_FLEET_CONTRACTS", default_dir))
    ap.add_argument("--json", action="store_true", help="end with a one-line JSON report")
    ap.add_argument("log")
    a = ap.parse_args()
    spec = os.path.join(a.contracts, "fleet-openapi.json")
    if not os.path.exists(spec):
        print(f"error: no fleet-openapi.json in {a.contracts}", file=sys.stderr)
        return 2
    c = Contract(spec)
    validated, violations = 0, []
    with open(a.log, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            ex = json.loads(line)
            validated += 1
            for side, msg in validate_exchange(c, ex):
                seq = ex.get("seq", n)
                violations.append({"seq": seq, "method": ex["method"], "path": ex["path"], "side": side, "message": msg})
                q = ("?" + ex["query"]) if ex.get("query") else ""
                print(f"VIOLATION #{seq} {ex['method']} {ex['path']}{q} -> {ex['status']} [{side}] {msg}")
                print(f"  request body: {json.dumps(ex.get('request_body'))[:500]}")
                print(f"  response body: {json.dumps(ex.get('response_body'))[:500]}")
    print(f"{validated} validated, {len(violations)} violations", file=sys.stderr)
    if a.json:
        print(json.dumps({"validated": validated, "skipped": 0, "skipped_by_reason": {}, "violations": violations}))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
