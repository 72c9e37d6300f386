#!/usr/bin/env python3
"""A small momentum bot for the Tickstep automation API, with the Python standard library only.

    TICKSTEP_API_URL=http://127.0.0.1:5299 TICKSTEP_API_KEY=tsk_... \
        python3 examples/python/strategy.py --symbol EURUSD --from 2019-01-02T00:00:00Z --to 2019-01-02T02:00:00Z

Rule: flat and the last two closes rose -> buy 0.1 lot (SL 10 pips, TP 15 pips); long and the
last two closes fell -> close. One bar at a time until the session completes. Prints JSON:
the session, the actions taken (in `tickstep replay --script` form), ledger, positions, summary.
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from datetime import datetime, timezone


class Api:
    def __init__(self, url, key):
        self.url = url.rstrip("/")
        self.key = key

    def call(self, verb, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=verb)
        request.add_header("Authorization", "Bearer " + self.key)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            problem = json.loads(error.read().decode() or "{}")
            raise RuntimeError(f"{verb} {path}: {error.code} {problem.get('code')} {problem.get('message')}")


def iso(ts):
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("TICKSTEP_API_URL", "http://127.0.0.1:5299"))
    parser.add_argument("--key", default=os.environ.get("TICKSTEP_API_KEY"))
    parser.add_argument("--symbol", default="EURUSD")
    parser.add_argument("--from", dest="start", default="2019-01-02T00:00:00Z")
    parser.add_argument("--to", dest="end", default="2019-01-02T02:00:00Z")
    parser.add_argument("--lots", type=float, default=0.1)
    args = parser.parse_args()
    if not args.key:
        sys.exit("Set TICKSTEP_API_KEY or pass --key")
    api = Api(args.url, args.key)

    session = api.call("POST", "/v1/sessions", {"symbol": args.symbol, "startAt": args.start, "endAt": args.end})
    sid = session["id"]
    actions, refs, open_ref = [], {}, None
    status, cursor = session["status"], session["cursorTs"]
    while status != "COMPLETED":
        candles = api.call("GET", f"/v1/sessions/{sid}/candles?count=3")
        closes = [c["close"] for c in candles]
        if open_ref is not None:
            open_ids = {p["id"] for p in api.call("GET", f"/v1/sessions/{sid}/positions?status=OPEN")}
            if refs[open_ref] not in open_ids:
                open_ref = None  # closed by its stop loss or take profit
        if len(closes) == 3:
            if open_ref is None and closes[0] < closes[1] < closes[2]:
                ref = f"p{len(refs) + 1}"
                order = api.call("POST", f"/v1/sessions/{sid}/orders",
                                 {"side": "BUY", "lots": args.lots, "slPips": 10, "tpPips": 15})
                actions.append({"at": iso(cursor), "type": "market", "side": "buy", "lots": args.lots,
                                "slPips": 10, "tpPips": 15, "ref": ref})
                if order["status"] == "FILLED":
                    refs[ref], open_ref = order["positionId"], ref
            elif open_ref is not None and closes[0] > closes[1] > closes[2]:
                api.call("POST", f"/v1/sessions/{sid}/positions/{refs[open_ref]}/close")
                actions.append({"at": iso(cursor), "type": "close", "ref": open_ref})
                open_ref = None
        tick = api.call("POST", f"/v1/sessions/{sid}/step", {"bars": 1})
        status, cursor = tick["status"], tick["cursorTs"]

    print(json.dumps({
        "sessionId": sid,
        "actions": actions,
        "ledger": api.call("GET", f"/v1/sessions/{sid}/ledger"),
        "positions": api.call("GET", f"/v1/sessions/{sid}/positions"),
        "summary": api.call("GET", f"/v1/sessions/{sid}/summary"),
    }, indent=2))


if __name__ == "__main__":
    main()
