#!/usr/bin/env python3
"""Validate a recorded Graph exchange log against Microsoft's published OpenAPI documents.

Usage: validate_graph.py [--contracts DIR] [--json] LOG.jsonl

LOG.jsonl holds one exchange per line as the Graph fake records them (method, path, query,
request_headers, request_body, status, response_headers, response_body). Each request is
mapped onto the contract file that describes its path among DIR/*.yml
(default ../shared/contracts/graph/v1.0 beside the repository); its request and its response
are validated with openapi-core. Every violation is printed with its exchange; the exit code
is 1 when there is any (2 when the validator itself cannot run).

Skipped on purpose, and counted as skipped: the Entra token endpoint (not Graph), beta
endpoints (the contract files are v1.0) and /groups (Entra ID directory objects; no file here).

Deliberate, documented relaxations of the documents (each still checked some other way):
- A text/plain body of digits (`/$count`) is read as the integer the documents declare.
- OData control information (`@odata.context`, `@odata.count`, `@odata.type`, `@odata.etag`)
  is not part of the schemas; it is checked here (strings, a non-negative integer count, a
  `#microsoft.graph.` type name) and removed before schema validation. `@odata.nextLink` is
  in the schemas and stays.
- `microsoft.graph.ODataErrors.InnerError` is "service-specific" (its own description); the
  documents' `additionalProperties: {type: object}` would refuse Graph's real string fields
  (`date`, `request-id`), so it accepts any JSON values.
- Inheritance is written `allOf: [{$ref: base}, {properties..., additionalProperties: {type:
  object}}]`; taken literally, each part's `additionalProperties` refuses the other parts'
  properties (no managedDevice could ever validate), so each `allOf` of the components is
  merged into one object schema (all properties, all required, the last part's
  `additionalProperties`) before validation: the inheritance the documents mean.
- The split documents drop derived types (iosCompliancePolicy, groupAssignmentTarget,
  iosStoreApp, ...). An object whose `@odata.type` names one of them has the properties that
  type adds checked against DERIVED below (names and types from Microsoft's v1.0 reference);
  an unknown derived type or an unknown property of it is a violation; the rest of the object
  is validated against its base schema as usual.
"""

import argparse
import json
import os
import re
import sys
import urllib.parse
import warnings

try:
    import yaml
    from openapi_core import Config, OpenAPI
    from openapi_core.testing import MockRequest, MockResponse
except ImportError as e:  # pragma: no cover
    print(f"error: {e}\nhint: .ci/venv/bin/pip install -r .ci/requirements.txt", file=sys.stderr)
    sys.exit(2)

HOST = "https://graph.microsoft.com"
# The documents declare OAuth2 security, which openapi-core does not check (nor should it here).
warnings.filterwarnings("ignore", message="Unsupported scheme type")
FILES = [
    "DeviceManagement.yml",
    "DeviceManagement.Actions.yml",
    "DeviceManagement.Administration.yml",
    "Devices.CorporateManagement.yml",
]

B, I, S, O = "boolean", "integer", "string", "object"
PASSCODE_IOS = ["deviceDefault", "alphanumeric", "numeric"]
PASSWORD_ANDROID = [
    "deviceDefault", "alphabetic", "alphanumeric", "alphanumericWithSymbols",
    "lowSecurityBiometric", "numeric", "numericComplex", "any",
]
THREAT = ["unavailable", "secured", "low", "medium", "high", "notSet"]
_ANDROID = {
    "passwordRequired": B, "passwordMinimumLength": I, "passwordRequiredType": PASSWORD_ANDROID,
    "passwordMinutesOfInactivityBeforeLock": I, "passwordExpirationDays": I,
    "passwordPreviousPasswordBlockCount": I, "securityPreventInstallAppsFromUnknownSources": B,
    "securityDisableUsbDebugging": B, "securityRequireVerifyApps": B,
    "deviceThreatProtectionEnabled": B, "deviceThreatProtectionRequiredSecurityLevel": THREAT,
    "securityBlockJailbrokenDevices": B, "osMinimumVersion": S, "osMaximumVersion": S,
    "minAndroidSecurityPatchLevel": S, "storageRequireEncryption": B,
    "securityRequireSafetyNetAttestationBasicIntegrity": B,
    "securityRequireSafetyNetAttestationCertifiedDevice": B,
    "securityRequireGooglePlayServices": B, "securityRequireUpToDateSecurityProviders": B,
    "securityRequireCompanyPortalAppIntegrity": B,
}
# Properties the derived types add to their base (Microsoft Graph v1.0 reference pages).
DERIVED = {
    "microsoft.graph.iosCompliancePolicy": {
        "passcodeBlockSimple": B, "passcodeExpirationDays": I, "passcodeMinimumLength": I,
        "passcodeMinutesOfInactivityBeforeLock": I, "passcodePreviousPasscodeBlockCount": I,
        "passcodeMinimumCharacterSetCount": I, "passcodeRequiredType": PASSCODE_IOS,
        "passcodeRequired": B, "osMinimumVersion": S, "osMaximumVersion": S,
        "securityBlockJailbrokenDevices": B, "deviceThreatProtectionEnabled": B,
        "deviceThreatProtectionRequiredSecurityLevel": THREAT, "managedEmailProfileRequired": B,
    },
    "microsoft.graph.androidCompliancePolicy": _ANDROID,
    "microsoft.graph.androidWorkProfileCompliancePolicy": _ANDROID,
    "microsoft.graph.macOSCompliancePolicy": {
        "passwordRequired": B, "passwordBlockSimple": B, "passwordExpirationDays": I,
        "passwordMinimumLength": I, "passwordMinutesOfInactivityBeforeLock": I,
        "passwordPreviousPasswordBlockCount": I, "passwordMinimumCharacterSetCount": I,
        "passwordRequiredType": PASSCODE_IOS, "osMinimumVersion": S, "osMaximumVersion": S,
        "systemIntegrityProtectionEnabled": B, "deviceThreatProtectionEnabled": B,
        "deviceThreatProtectionRequiredSecurityLevel": THREAT, "storageRequireEncryption": B,
        "firewallEnabled": B, "firewallBlockAllIncoming": B, "firewallEnableStealthMode": B,
    },
    "microsoft.graph.windows10CompliancePolicy": {
        "passwordRequired": B, "passwordBlockSimple": B, "passwordRequiredToUnlockFromIdle": B,
        "passwordMinutesOfInactivityBeforeLock": I, "passwordExpirationDays": I,
        "passwordMinimumLength": I, "passwordMinimumCharacterSetCount": I,
        "passwordRequiredType": PASSCODE_IOS, "passwordPreviousPasswordBlockCount": I,
        "requireHealthyDeviceReport": B, "osMinimumVersion": S, "osMaximumVersion": S,
        "mobileOsMinimumVersion": S, "mobileOsMaximumVersion": S,
        "earlyLaunchAntiMalwareDriverEnabled": B, "bitLockerEnabled": B, "secureBootEnabled": B,
        "codeIntegrityEnabled": B, "storageRequireEncryption": B, "activeFirewallRequired": B,
        "defenderEnabled": B, "defenderVersion": S, "signatureOutOfDate": B, "rtpEnabled": B,
        "antivirusRequired": B, "antiSpywareRequired": B, "deviceThreatProtectionEnabled": B,
        "deviceThreatProtectionRequiredSecurityLevel": THREAT,
        "configurationManagerComplianceRequired": B, "tpmRequired": B,
        "deviceCompliancePolicyScript": O, "validOperatingSystemBuildRanges": "array",
    },
    "microsoft.graph.groupAssignmentTarget": {"groupId": S},
    "microsoft.graph.exclusionGroupAssignmentTarget": {"groupId": S},
    "microsoft.graph.allDevicesAssignmentTarget": {},
    "microsoft.graph.allLicensedUsersAssignmentTarget": {},
    "microsoft.graph.iosStoreApp": {
        "bundleId": S, "appStoreUrl": S, "applicableDeviceType": O,
        "minimumSupportedOperatingSystem": O,
    },
    # mobileLobApp's properties (committedContentVersion, fileName, size) with iosLobApp's.
    "microsoft.graph.iosLobApp": {
        "committedContentVersion": S, "fileName": S, "size": I, "bundleId": S,
        "applicableDeviceType": O, "minimumSupportedOperatingSystem": O,
        "expirationDateTime": S, "versionNumber": S, "buildNumber": S,
    },
    "microsoft.graph.androidStoreApp": {
        "packageId": S, "appStoreUrl": S, "minimumSupportedOperatingSystem": O,
    },
}
ANNOTATIONS = ("@odata.context", "@odata.count", "@odata.type", "@odata.etag")


def skip_reason(path):
    if re.fullmatch(r"/[^/]+/oauth2/v2\.0/token", path):
        return "Entra token endpoint (not Graph)"
    if path.startswith("/beta/"):
        return "beta endpoint (the contract files are v1.0)"
    if path == "/v1.0/groups" or path.startswith("/v1.0/groups/"):
        return "/groups (Entra ID directory; no contract file)"
    return None


def likely_file(rel):
    last = rel.rsplit("/", 1)[-1]
    if rel.startswith("/deviceManagement/auditEvents"):
        return "DeviceManagement.Administration.yml"
    if rel.startswith("/deviceAppManagement"):
        return "Devices.CorporateManagement.yml"
    if last.startswith("microsoft.graph.") or last in ACTION_NAMES:
        return "DeviceManagement.Actions.yml"
    return "DeviceManagement.yml"


ACTION_NAMES = {"wipe", "retire", "remoteLock", "syncDevice", "rebootNow", "assign", "shutDown"}


def flatten_all_of(schemas):
    """Merges every components schema's `allOf` into one object schema (in place)."""
    done = {}

    def resolve(part, stack):
        ref = part.get("$ref")
        if ref and ref.startswith("#/components/schemas/"):
            return merged(ref.rsplit("/", 1)[-1], stack)
        return merge_parts(part, stack)

    def merge_parts(schema, stack):
        if "allOf" not in schema:
            return schema
        out = {k: v for k, v in schema.items() if k != "allOf"}
        props, required = {}, []
        ap = None
        for part in schema["allOf"]:
            p = resolve(part, stack)
            props.update(p.get("properties", {}))
            required += [r for r in p.get("required", []) if r not in required]
            if "additionalProperties" in p:
                ap = p["additionalProperties"]
            for k in ("title", "description", "type"):
                if k in p and k not in out:
                    out[k] = p[k]
        out["type"] = "object"
        out["properties"] = props
        if required:
            out["required"] = required
        if ap is not None:
            out["additionalProperties"] = ap
        return out

    def merged(name, stack):
        if name in done:
            return done[name]
        s = schemas.get(name, {})
        if name in stack:  # a cycle through allOf: leave it
            return s
        done[name] = merge_parts(s, stack | {name})
        return done[name]

    for name in list(schemas):
        schemas[name] = merged(name, frozenset())


def plain_text(data, **_params):
    """`$count` answers text/plain digits that the documents type as an integer."""
    text = data.decode() if isinstance(data, bytes) else data
    return int(text) if text.strip().isdigit() else text


class Contract:
    def __init__(self, path):
        with open(path, "rb") as f:
            d = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        schemas = d.get("components", {}).get("schemas", {})
        inner = schemas.get("microsoft.graph.ODataErrors.InnerError")
        if inner is not None:
            inner["additionalProperties"] = True  # service-specific, see the module doc
        flatten_all_of(schemas)
        self.schema_names = set(schemas)
        self.templates = []
        for tpl, item in d.get("paths", {}).items():
            parts = re.split(r"(\{[^}]+\})", tpl)
            rx = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
            methods = {m for m in item if m in ("get", "post", "patch", "put", "delete")}
            self.templates.append((re.compile(rx + r"\Z"), tpl, tpl.count("{"), methods))
        self.api = OpenAPI.from_dict(
            d,
            config=Config(
                spec_validator_cls=None,
                extra_media_type_deserializers={"text/plain": plain_text},
            ),
        )

    def find(self, rel, method):
        best = None
        for rx, tpl, params, methods in self.templates:
            if rx.match(rel) and method in methods and (best is None or params < best[1]):
                best = (tpl, params)
        return best and best[0]


class Validator:
    def __init__(self, contracts_dir):
        self.dir = contracts_dir
        self.loaded = {}

    def contract(self, name):
        if name not in self.loaded:
            self.loaded[name] = Contract(os.path.join(self.dir, name))
        return self.loaded[name]

    def locate(self, rel, method):
        """(contract, path as the file spells it) for a request path, or None."""
        candidates = [rel]
        head, _, last = rel.rpartition("/")
        if last and not last.startswith("microsoft.graph."):
            candidates.append(f"{head}/microsoft.graph.{last}")
        first = likely_file(rel)
        for name in [first] + [f for f in FILES if f != first]:
            c = self.contract(name)
            for cand in candidates:
                if c.find(cand, method):
                    return c, cand
        return None


def check_annotations(obj, where, problems, contract):
    """Checks and strips OData control information and derived-type properties (in place)."""
    if isinstance(obj, list):
        for i, v in enumerate(obj):
            check_annotations(v, f"{where}[{i}]", problems, contract)
        return
    if not isinstance(obj, dict):
        return
    for k in list(obj):
        if k in ANNOTATIONS:
            v = obj.pop(k)
            if k == "@odata.count":
                if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                    problems.append(f"{where}.{k}: {v!r} is not a non-negative integer")
            elif not isinstance(v, str):
                problems.append(f"{where}.{k}: {v!r} is not a string")
            elif k == "@odata.type":
                check_derived(obj, v, where, problems, contract)
        elif k.startswith("@odata.") and k != "@odata.nextLink":
            problems.append(f"{where}.{k}: unknown OData annotation")
    for k, v in obj.items():
        check_annotations(v, f"{where}.{k}", problems, contract)


def json_type_ok(v, t):
    if v is None:
        return True
    if isinstance(t, list):
        return v in t
    return {
        B: isinstance(v, bool),
        I: isinstance(v, int) and not isinstance(v, bool),
        S: isinstance(v, str),
        O: isinstance(v, dict),
        "array": isinstance(v, list),
    }[t]


def check_derived(obj, type_name, where, problems, contract):
    if not type_name.startswith("#microsoft.graph."):
        problems.append(f"{where}.@odata.type: {type_name!r} is not a #microsoft.graph. type")
        return
    name = type_name[1:]
    if name in contract.schema_names:
        return  # described in the file: the schema check covers it
    props = DERIVED.get(name)
    if props is None:
        problems.append(f"{where}.@odata.type: {type_name} is neither in the contract file nor a known derived type")
        return
    for k, t in props.items():
        if k in obj:
            v = obj.pop(k)
            if not json_type_ok(v, t):
                problems.append(f"{where}.{k}: {v!r} is not valid for {t} ({name})")


def describe(exc):
    msgs = []
    e = exc
    while e is not None:
        errs = getattr(e, "schema_errors", None)
        if errs:
            for se in errs:
                at = "/".join(str(p) for p in se.absolute_path) or "(root)"
                msgs.append(f"at {at}: {se.message[:300]}")
        e = e.__cause__ or e.__context__
    head = f"{type(exc).__name__}: {str(exc)[:300]}"
    return head + ("; " + "; ".join(msgs[:8]) if msgs else "")


def body_bytes(v):
    if v is None:
        return b""
    if isinstance(v, str):
        return v.encode()
    return json.dumps(v).encode()


def validate_exchange(v, ex):
    """Returns (status, [(side, message)]) with status 'validated' or a skip reason."""
    path = ex["path"]
    reason = skip_reason(path)
    if reason:
        return reason, []
    if not path.startswith("/v1.0/"):
        return "validated", [("request", f"path {path} is not under /v1.0 or /beta")]
    rel = path[len("/v1.0"):]
    method = ex["method"].lower()
    found = v.locate(rel, method)
    if found is None:
        return "validated", [("request", f"no operation {method.upper()} {rel} in the contract files (also tried the microsoft.graph. action spelling)")]
    contract, spelled = found
    out = []
    args = dict(urllib.parse.parse_qsl(ex.get("query", ""), keep_blank_values=True))
    headers = dict(ex.get("request_headers") or {})
    req_ct = headers.get("content-type", "application/json").split(";")[0].strip()
    req_body = ex.get("request_body")
    problems = []
    if req_body is not None and "content-type" not in headers:
        problems.append("a request body without a Content-Type header")
    if isinstance(req_body, (dict, list)):
        check_annotations(req_body, "request", problems, contract)
    out += [("request", p) for p in problems]
    req = MockRequest(HOST, method, "/v1.0" + spelled, args=args, headers=headers,
                      data=body_bytes(req_body), content_type=req_ct)
    try:
        contract.api.validate_request(req)
    except Exception as e:  # openapi-core raises one exception per failed request
        out.append(("request", describe(e)))
    resp_body = ex.get("response_body")
    problems = []
    if isinstance(resp_body, (dict, list)):
        check_annotations(resp_body, "response", problems, contract)
    out += [("response", p) for p in problems]
    rh = dict(ex.get("response_headers") or {})
    resp_ct = rh.get("content-type", "application/json").split(";")[0].strip()
    resp = MockResponse(body_bytes(resp_body), status_code=int(ex["status"]), headers=rh,
                        content_type=resp_ct if resp_body is not None else None)
    try:
        contract.api.validate_response(req, resp)
    except Exception as e:
        out.append(("response", describe(e)))
    return "validated", out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "contracts", "graph", "v1.0"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--contracts", default=os.environ.get("MDM_GRAPH_CONTRACTS", default_dir))
    ap.add_argument("--json", action="store_true", help="end with a one-line JSON report")
    ap.add_argument("log")
    a = ap.parse_args()
    if not os.path.exists(os.path.join(a.contracts, "DeviceManagement.yml")):
        print(f"error: no Graph contract files in {a.contracts}", file=sys.stderr)
        return 2
    v = Validator(a.contracts)
    validated, skipped, by_reason, violations = 0, 0, {}, []
    with open(a.log, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            ex = json.loads(line)
            status, problems = validate_exchange(v, ex)
            if status == "validated":
                validated += 1
            else:
                skipped += 1
                by_reason[status] = by_reason.get(status, 0) + 1
            for side, msg in problems:
                seq = ex.get("seq", n)
                violations.append({"seq": seq, "method": ex["method"], "path": ex["path"], "side": side, "message": msg})
                q = ("?" + ex["query"]) if ex.get("query") else ""
                print(f"VIOLATION #{seq} {ex['method']} {ex['path']}{q} -> {ex['status']} [{side}] {msg}")
                print(f"  request body: {json.dumps(ex.get('request_body'))[:500]}")
                print(f"  response body: {json.dumps(ex.get('response_body'))[:500]}")
    print(f"{validated} validated, {skipped} skipped, {len(violations)} violations", file=sys.stderr)
    for r, c in sorted(by_reason.items()):
        print(f"  skipped {c}: {r}", file=sys.stderr)
    if a.json:
        print(json.dumps({"validated": validated, "skipped": skipped, "skipped_by_reason": by_reason, "violations": violations}))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
