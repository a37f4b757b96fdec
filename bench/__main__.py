"""``python -m bench ingest|latency|servers|attest|import|flood``: figures go to RESULTS.md."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


#: Benchmarks with options of their own, run as ``python -m bench NAME [their options]``.
SEPARATE = {
    "attest": "bench.attest",
    "import": "bench.import_employees",
    "flood": "bench.flood",
}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in SEPARATE:
        name = sys.argv[1]
        sys.argv = [f"python -m bench {name}", *sys.argv[2:]]
        importlib.import_module(SEPARATE[name]).main()
        return
    parser = argparse.ArgumentParser(
        prog="python -m bench", epilog="Also: python -m bench attest|import|flood --help"
    )
    parser.add_argument("benchmark", choices=["ingest", "latency", "servers"])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("STAMPLA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--employees", type=int, default=5_000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--batches", default="1,100,1000")
    parser.add_argument("--rates", default="100,200,500")
    parser.add_argument("--rounds", type=int, default=2, help="Rounds of the servers benchmark.")
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="Multiply the number of requests (0.1 for a quick look).",
    )
    args = parser.parse_args()
    backends = args.backends.split(",")
    if args.benchmark == "ingest":
        from . import ingest

        section = ingest.run(
            backends,
            args.postgres_url,
            args.employees,
            [int(w) for w in args.workers.split(",")],
            [int(b) for b in args.batches.split(",")],
            args.scale,
        )
    elif args.benchmark == "servers":
        from . import servers

        section = servers.run(
            backends,
            args.postgres_url,
            args.employees,
            max(int(w) for w in args.workers.split(",")),
            args.rounds,
            args.scale,
        )
    else:
        from . import latency

        section = latency.run(
            backends,
            args.postgres_url,
            args.employees,
            [int(r) for r in args.rates.split(",")],
            args.scale,
        )
    print("\n" + section)


if __name__ == "__main__":
    main()
