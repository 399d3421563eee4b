#!/usr/bin/env python3
"""Validate a recorded Jamf Pro exchange log against Jamf's published API description.

Usage: validate_jamf.py [--contracts DIR] [--json] LOG.jsonl

LOG.jsonl holds one exchange per line as the Jamf fake records them (method, path, query,
request_headers, request_body, status, response_headers, response_body). Each request and
its response are validated with openapi-core against the resource files in DIR (default
../shared/contracts/jamf beside the repository): the Jamf Pro API description, one YAML
per resource, copied from Jamf-Concepts/jamf-cli `specs/` (../shared/contracts/README.md).
Their `$ref`s into `_MonolithLibrary.yaml` and `DefinitionsLibrary.yaml` are resolved
from the files themselves (each document is loaded with its own file URI as base).

What the files leave open, and how it is checked here:
- The server prefix is `/api` (declared by some files, not by the erase and unmanage
  ones); every document is served under `https://jamf.example.org/api`.
- Statuses an operation does not declare (401 for a missing or expired token, 403 where
  not declared, 429, 503, and 400/404 of the list and command operations) are checked
  against Jamf's one error shape, `ApiError` (`{"httpStatus", "errors": [{"code",
  "field", "description", "id"}]}`), or no body at all; the OAuth token endpoint answers
  RFC 6749's `{"error", "error_description"}` instead (its 400 is declared so). A 429 or
  503 may carry `retry-after` (seconds).
- YAML reads status codes (`200:`) as numbers; they are read as the strings OpenAPI has.
- The form body of `POST /v1/oauth/token` is logged with the secret redacted
  (`client_secret=***`), which the schema still accepts (a string).
The exit code is 1 when there is any violation (2 when the validator itself cannot run).
"""

import argparse
import json
import os
import pathlib
import re
import sys
import urllib.parse
import warnings

try:
    import jsonschema
    import yaml
    from openapi_core import Config, OpenAPI
    from openapi_core.testing import MockRequest, MockResponse
    # The validators read exchanges and report findings the same way.
    from validate_graph import body_bytes, describe
except ImportError as e:  # pragma: no cover
    print(f"error: {e}\nhint: .ci/venv/bin/pip install -r .ci/requirements.txt", file=sys.stderr)
    sys.exit(2)

HOST = "https://jamf.example.org"
warnings.filterwarnings("ignore", message="Unsupported scheme type")

FILES = [
    "Authentication.yaml",
    "ComputersInventoryV3.yaml",
    "MobileDevice.yaml",
    "ComputerGroups.yaml",
    "MdmCommands.yaml",
    "EraseDeviceComputer.yaml",
    "EraseDeviceMobile.yaml",
    "RemoveComputerMdmProfile.yaml",
    "RemoveMobileDeviceMdmProfile.yaml",
    "AppInstallerDeployments.yaml",
]

API_ERROR = {
    "type": "object",
    "properties": {
        "httpStatus": {"type": "integer"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "field": {"type": "string"},
                    "description": {"type": "string"},
                    "id": {"type": ["string", "null"]},
                },
                "required": ["field"],
            },
        },
    },
}
OAUTH_ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
    "required": ["error"],
}


def str_keys(v):
    """YAML reads `200:` as an int; OpenAPI keys are strings."""
    if isinstance(v, dict):
        return {str(k): str_keys(x) for k, x in v.items()}
    if isinstance(v, list):
        return [str_keys(x) for x in v]
    return v


class Contract:
    def __init__(self, folder):
        self.ops = []  # (regex, template, literal-ness, method, api, doc)
        for name in FILES:
            path = pathlib.Path(folder, name).resolve()
            with open(path, encoding="utf-8") as f:
                d = str_keys(yaml.safe_load(f))
            d["servers"] = [{"url": HOST + "/api"}]
            api = OpenAPI.from_dict(d, base_uri=path.as_uri(), config=Config(spec_validator_cls=None))
            for tpl, item in d.get("paths", {}).items():
                parts = re.split(r"(\{[^}]+\})", tpl)
                rx = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
                for m in item:
                    if m in ("get", "post", "put", "patch", "delete"):
                        self.ops.append((re.compile("/api" + rx + r"\Z"), tpl, tpl.count("{"), m, api, d))

    def find(self, path, method):
        """(template, api, doc) of the operation, the most literal one when several match."""
        best = None
        for rx, tpl, params, m, api, doc in self.ops:
            if m == method and rx.match(path) and (best is None or params < best[0]):
                best = (params, tpl, api, doc)
        return best and best[1:]


def declares(doc, tpl, method, status):
    responses = doc["paths"][tpl][method].get("responses", {})
    keys = {str(k) for k in responses}
    return str(status) in keys or f"{str(status)[0]}XX" in keys


def validate_exchange(c, ex):
    """[(side, message)] for one exchange."""
    path, method, status = ex["path"], ex["method"].lower(), int(ex["status"])
    found = c.find(path, method)
    if found is None:
        return [("request", f"no operation {method.upper()} {path} in the Jamf Pro API files")]
    tpl, api, doc = found
    out = []
    headers = dict(ex.get("request_headers") or {})
    args = urllib.parse.parse_qs(ex.get("query", ""), keep_blank_values=True)
    # Single-valued parameters as strings, repeated ones (`section`) as lists.
    args = {k: (v if len(v) > 1 else v[0]) for k, v in args.items()}
    req_body = ex.get("request_body")
    if req_body is not None and "content-type" not in headers:
        out.append(("request", "a request body without a Content-Type header"))
    req_ct = headers.get("content-type", "application/json").split(";")[0].strip()
    data = body_bytes(req_body)
    if req_ct == "application/x-www-form-urlencoded" and isinstance(req_body, str):
        data = req_body.encode()
    req = MockRequest(HOST, method, path, args=args, headers=headers, data=data, content_type=req_ct)
    try:
        api.validate_request(req)
    except Exception as e:  # openapi-core raises one exception per failed request
        out.append(("request", describe(e)))
    resp_body = ex.get("response_body")
    rh = dict(ex.get("response_headers") or {})
    if status >= 400 and not declares(doc, tpl, method, status):
        shape = OAUTH_ERROR if tpl == "/v1/oauth/token" else API_ERROR
        if resp_body is not None:
            try:
                jsonschema.validate(resp_body, shape)
            except jsonschema.ValidationError as e:
                out.append(("response", f"error body is not Jamf's error shape: {e.message[:300]}"))
        ra = rh.get("retry-after")
        if ra is not None and (status not in (429, 503) or not ra.isdigit()):
            out.append(("response", f"retry-after {ra!r} on a {status}"))
        return out
    resp_ct = rh.get("content-type", "application/json").split(";")[0].strip()
    resp = MockResponse(body_bytes(resp_body), status_code=status, headers=rh,
                        content_type=resp_ct if resp_body is not None else None)
    try:
        api.validate_response(req, resp)
    except Exception as e:
        out.append(("response", describe(e)))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "contracts", "jamf"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--contracts", default=os.environ.get("MDM_JAMF_CONTRACTS", default_dir))
    ap.add_argument("--json", action="store_true", help="end with a one-line JSON report")
    ap.add_argument("log")
    a = ap.parse_args()
    missing = [f for f in FILES if not os.path.exists(os.path.join(a.contracts, f))]
    if missing:
        print(f"error: {', '.join(missing)} not in {a.contracts}", file=sys.stderr)
        return 2
    c = Contract(a.contracts)
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
