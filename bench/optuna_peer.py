"""What the Optuna halves of the sampler benchmarks share: the problems served by a Node script (so both
sides optimise the very same functions) and the loop over problems, samplers and seeds that prints one
JSON object, {"version", "results": {problem: {sampler: {result_key: [...], "seconds": s}}}}.
"""
import argparse
import json
import os
import subprocess
import sys
import time


class ProblemServer:
    """A Node script's problem definitions (`node <script> --serve`), spoken to over JSON lines."""

    def __init__(self, script):
        here = os.path.dirname(os.path.abspath(__file__))
        self.process = subprocess.Popen(
            ["node", os.path.join(here, script), "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )
        self.problems = {p["name"]: p for p in json.loads(self.process.stdout.readline())}

    def evaluate(self, problem, params):
        self.process.stdin.write(json.dumps({"problem": problem, "params": params}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def run_benchmark(script, samplers, run, result_key, default_seeds, default_trials):
    """Parses --problems/--samplers/--seeds/--trials, runs `run(server, problem, sampler, seed, trials)`
    for every seed of every pair, and prints the results as JSON on stdout (progress on stderr)."""
    import optuna

    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="")
    parser.add_argument("--samplers", default=",".join(samplers))
    parser.add_argument("--seeds", type=int, default=default_seeds)
    parser.add_argument("--trials", type=int, default=default_trials)
    args = parser.parse_args()
    server = ProblemServer(script)
    problems = [p for p in args.problems.split(",") if p] or list(server.problems)
    results = {}
    for problem in problems:
        for sampler in args.samplers.split(","):
            start = time.perf_counter()
            outcomes = [run(server, problem, sampler, seed, args.trials) for seed in range(1, args.seeds + 1)]
            results.setdefault(problem, {})[sampler] = {result_key: outcomes, "seconds": time.perf_counter() - start}
            print(f"optuna {problem} {sampler}: {time.perf_counter() - start:.1f}s", file=sys.stderr)
    server.close()
    json.dump({"version": optuna.__version__, "results": results}, sys.stdout)
