"""Wait until a /healthz URL answers 200: `python scripts/wait_healthy.py URL [SECONDS]`.

Exit status 0 once it does, 1 when SECONDS (default 60) pass first, printing the last
answer (503 and its reason, or the connection error). The systemd web unit runs it as
ExecStartPost, so an instance counts as started only when it can serve.
"""

import sys
import time
import urllib.error
import urllib.request


def wait_healthy(url: str, seconds: float = 60) -> tuple[bool, str]:
    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=6) as response:  # noqa: S310 - our URL
                return True, response.read().decode()
        except urllib.error.HTTPError as error:
            last = f"{error.code} {error.read().decode()}"
        except OSError as error:
            last = str(error)
        time.sleep(0.5)
    return False, last


if __name__ == "__main__":
    ok, answer = wait_healthy(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 60)
    print(answer)
    sys.exit(0 if ok else 1)
