"""``python -m bench ingest|latency``: run a benchmark and append its figures to RESULTS.md."""

from __future__ import annotations

import argparse
import os

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("benchmark", choices=["ingest", "latency"])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("STAMPLA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--employees", type=int, default=5_000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--batches", default="1,100,1000")
    parser.add_argument("--rates", default="100,200,500")
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
