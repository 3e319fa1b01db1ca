"""Records how a real JWT library (PyJWT) makes and judges HS256 tokens, and
how it judges the tokens the engine makes, into tests/real/jwt/pyjwt.json.

Run by `make verify-real` (verify/setup.sh installs PyJWT into verify/.venv):

    verify/.venv/bin/python verify/tokens/record.py ENGINE_TOKENS_COMMAND...

The command reads `sub TAB iat TAB exp TAB jti TAB secret TAB sid TAB ver`
lines (sid and ver empty when the token has none) and writes one engine-made
token per line (`cargo run --example jwt_tokens`).
PyJWT's clock is fixed per check, so the recording does not depend on the day
it was made. The engine's test (src/base/jwt.rs) reads the recording back.
"""

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import jwt
import jwt.api_jwt

OUT = Path(__file__).resolve().parents[2] / "tests" / "real" / "jwt" / "pyjwt.json"

# A secret of 32 bytes, as RFC 7518 §3.2 asks of HS256, and one too short,
# which PyJWT signs with a warning (the guessable-secret attack's premise).
SECRET = "the-server-signing-key-32-bytes!"
SHORT_SECRET = "secret"

# The claims a token server writes: who, issued at, expires at, the token's ID.
CASES = [
    {"name": "alice for fifteen minutes", "sub": "alice", "iat": 1_000, "exp": 1_900, "jti": "t-1", "secret": SECRET},
    {"name": "bob for a day", "sub": "bob", "iat": 86_400, "exp": 172_800, "jti": "3f9a", "secret": SECRET},
    {"name": "a name that needs escaping", "sub": 'm\u00e9l "the" admin\\', "iat": 5, "exp": 65, "jti": "j\u00f6", "secret": SECRET},
    {"name": "a short secret", "sub": "carol", "iat": 0, "exp": 60, "jti": "c", "secret": SHORT_SECRET},
    # A refresh-token login's access token (its sid) on a server with token versions (ver).
    {"name": "with sid and ver", "sub": "alice", "iat": 900, "exp": 1_800, "jti": "t-2", "sid": "login-1", "ver": 3, "secret": SECRET},
]

# The optional claims, in the order the engine writes them after the four.
OPTIONAL = ["sid", "ver"]


def frozen_clock(now):
    """PyJWT reads datetime.now(); give it the check's own instant."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.fromtimestamp(now, tz=timezone.utc)

    jwt.api_jwt.datetime = Frozen


def verdict(token, secret, now):
    """What PyJWT says of `token` at `now`, pinned to HS256 as a careful server is."""
    frozen_clock(now)
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"])
        return {"result": "valid", "sub": claims.get("sub"), **{k: claims[k] for k in OPTIONAL if k in claims}}
    except jwt.ExpiredSignatureError:
        return {"result": "expired"}
    except jwt.InvalidSignatureError:
        return {"result": "bad signature"}
    except jwt.InvalidAlgorithmError:
        return {"result": "algorithm refused"}
    except jwt.DecodeError:
        return {"result": "malformed"}


def b64(data):
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main():
    command = sys.argv[1:]
    if not command:
        sys.exit("usage: record.py ENGINE_TOKENS_COMMAND...")
    lines = "".join(
        f"{c['sub']}\t{c['iat']}\t{c['exp']}\t{c['jti']}\t{c['secret']}\t{c.get('sid', '')}\t{c.get('ver', '')}\n" for c in CASES
    )
    engine = subprocess.run(command, input=lines, capture_output=True, text=True, check=True).stdout.split()
    assert len(engine) == len(CASES), engine

    import warnings

    warnings.simplefilter("ignore")
    made = []
    for case, engine_token in zip(CASES, engine):
        claims = {"sub": case["sub"], "iat": case["iat"], "exp": case["exp"], "jti": case["jti"]}
        claims.update({k: case[k] for k in OPTIONAL if k in case})
        made.append(
            {
                "name": case["name"],
                "claims": claims,
                "secret": case["secret"],
                "pyjwtToken": jwt.encode(claims, case["secret"], algorithm="HS256"),
                "pyjwtOnEngineToken": verdict(engine_token, case["secret"], case["iat"]),
                "pyjwtOnEngineTokenAtExp": verdict(engine_token, case["secret"], case["exp"]),
            }
        )

    alice = made[0]["pyjwtToken"]
    header, claims_part, signature = alice.split(".")
    forged_claims = b64(json.dumps({"sub": "admin", "iat": 1000, "exp": 1900, "jti": "t-1"}, separators=(",", ":")).encode())
    none_header = b64(b'{"alg":"none","typ":"JWT"}')
    checks = [
        ("a second before exp", alice, SECRET, 1_899),
        ("at exp", alice, SECRET, 1_900),
        ("another secret", alice, "another-server-signing-key-32-by", 1_000),
        ("claims changed, signature kept", f"{header}.{forged_claims}.{signature}", SECRET, 1_000),
        ("alg none, no signature", f"{none_header}.{forged_claims}.", SECRET, 1_000),
        ("signed with HS512", jwt.encode({"sub": "alice", "iat": 1000, "exp": 1900, "jti": "t-1"}, SECRET, algorithm="HS512"), SECRET, 1_000),
        ("two parts", f"{header}.{claims_part}", SECRET, 1_000),
        ("not base64url", f"{header}.{claims_part}.@@@", SECRET, 1_000),
    ]
    judged = [{"name": name, "token": token, "secret": secret, "now": now, "pyjwt": verdict(token, secret, now)} for name, token, secret, now in checks]

    recording = {
        "library": f"PyJWT {jwt.__version__}",
        "python": sys.version.split()[0],
        "made": made,
        "judged": judged,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(recording, indent=2, ensure_ascii=False) + "\n")
    print(f"verify: wrote {OUT.relative_to(OUT.parents[3])}")


if __name__ == "__main__":
    main()
