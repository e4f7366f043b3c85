#!/usr/bin/env python3
"""Aggregate streaming decode throughput of an OpenAI-compatible server (LiteBench, llama-server, vLLM...).

Sends N streaming /v1/completions requests at once (greedy, ignore_eos, exactly --tokens tokens each), after one
warm-up round, and reports per round: aggregate tok/s = all generated tokens / wall time from the first request
sent to the last [DONE], mean time to first token, and the server's own per-stream decode speed when it reports
llama.cpp-style timings. With --server-pid (Linux) it also reports the share of the machine's cores the server
process got during the round, which shows how much other load on a shared machine held it back.
Standard library only.

    scripts/stream-load.py --url http://127.0.0.1:8000 --streams 4 --tokens 64 --rounds 3
"""
import argparse
import http.client
import json
import os
import statistics
import threading
import time
import urllib.parse

PROMPT = ("The history of the lighthouse begins with fires lit on hilltops to guide ships home. Over centuries these "
          "beacons became towers of stone, and their keepers")


def stream_once(url, model, tokens, barrier, out, index):
    u = urllib.parse.urlparse(url)
    body = {"prompt": PROMPT, "max_tokens": tokens, "temperature": 0, "ignore_eos": True, "stream": True,
            "stream_options": {"include_usage": True}}
    if model:
        body["model"] = model
    conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=600)
    barrier.wait()
    start = time.perf_counter()
    conn.request("POST", "/v1/completions", json.dumps(body), {"Content-Type": "application/json"})
    resp = conn.getresponse()
    if resp.status != 200:
        raise SystemExit(f"stream {index}: HTTP {resp.status}: {resp.read()[:300]!r}")
    first = None
    usage = timings = None
    for raw in resp:
        line = raw.decode("utf-8").strip()
        if not line.startswith("data: ") or line == "data: [DONE]":
            continue
        event = json.loads(line[6:])
        if first is None and event.get("choices") and event["choices"][0].get("text"):
            first = time.perf_counter()
        usage = event.get("usage") or usage
        timings = event.get("timings") or timings
    end = time.perf_counter()
    conn.close()
    out[index] = {"start": start, "first": first, "end": end,
                  "tokens": usage["completion_tokens"] if usage else None, "timings": timings}


def cpu_seconds(pid):
    """User + system CPU time of a process so far, from /proc/PID/stat (fields 14 and 15)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_round(url, model, streams, tokens, pid=None):
    cpu_before = cpu_seconds(pid) if pid else None
    barrier = threading.Barrier(streams)
    out = [None] * streams
    threads = [threading.Thread(target=stream_once, args=(url, model, tokens, barrier, out, i)) for i in range(streams)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = max(r["end"] for r in out) - min(r["start"] for r in out)
    total = sum(r["tokens"] for r in out)
    ttft = statistics.mean(r["first"] - r["start"] for r in out)
    decode = [r["timings"]["predicted_per_second"] for r in out if r["timings"]]
    share = (cpu_seconds(pid) - cpu_before) / (wall * os.cpu_count()) if pid else None
    return {"aggregate_tok_s": total / wall, "wall_s": wall, "tokens": total, "mean_ttft_s": ttft,
            "mean_stream_decode_tok_s": statistics.mean(decode) if decode else None, "cpu_share": share}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", default="http://127.0.0.1:8000")
    p.add_argument("--model", default=None, help="model name to send (default: none)")
    p.add_argument("--streams", type=int, default=4)
    p.add_argument("--tokens", type=int, default=64)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--server-pid", type=int, default=None, help="report the CPU share this process got (Linux)")
    a = p.parse_args()
    run_round(a.url, a.model, a.streams, a.tokens)  # warm-up (JIT, caches)
    results = [run_round(a.url, a.model, a.streams, a.tokens, a.server_pid) for _ in range(a.rounds)]
    for i, r in enumerate(results, 1):
        dec = f"{r['mean_stream_decode_tok_s']:.2f}" if r["mean_stream_decode_tok_s"] else "n/a"
        cpu = f", server CPU share {100 * r['cpu_share']:.0f}%" if r["cpu_share"] is not None else ""
        print(f"round {i}: {a.streams} streams x {a.tokens} tokens: aggregate {r['aggregate_tok_s']:.2f} tok/s "
              f"(wall {r['wall_s']:.2f} s), mean TTFT {r['mean_ttft_s']:.2f} s, mean per-stream decode {dec} tok/s{cpu}")
    print(f"median aggregate: {statistics.median(r['aggregate_tok_s'] for r in results):.2f} tok/s, "
          f"best {max(r['aggregate_tok_s'] for r in results):.2f} tok/s")


if __name__ == "__main__":
    main()
