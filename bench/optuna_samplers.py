"""Optuna 3.1 on Tuneboard's benchmark problems, for bench/samplers.mjs to print beside its own figures.

The problems are not redefined here: `node bench/problems.mjs --serve` describes them (spaces in the
config's YAML shape, optima) and evaluates every trial, so both sides optimise the same functions.
Prints one JSON object: {problem: {sampler: {"regrets": [...], "seconds": s}}}.

    /usr/bin/python3 bench/optuna_samplers.py --problems branin,mixed --seeds 10 --trials 100
"""
import argparse
import json
import os
import subprocess
import sys
import time
import warnings

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

SAMPLERS = {
    "random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "tpe-mv": lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True),
}


class ProblemServer:
    """The Node side of the problem definitions, spoken to over JSON lines."""

    def __init__(self):
        here = os.path.dirname(os.path.abspath(__file__))
        self.process = subprocess.Popen(
            ["node", os.path.join(here, "problems.mjs"), "--serve"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )
        self.problems = {p["name"]: p for p in json.loads(self.process.stdout.readline())}

    def evaluate(self, problem, params):
        self.process.stdin.write(json.dumps({"problem": problem, "params": params}) + "\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def suggest(trial, name, spec):
    """One parameter from its YAML-shape spec: {float: [lo, hi]}, {int: [lo, hi]} (+ log, step) or a list."""
    if isinstance(spec, list):
        return trial.suggest_categorical(name, spec)
    if "float" in spec:
        low, high = spec["float"]
        return trial.suggest_float(name, low, high, log=spec.get("log", False), step=spec.get("step"))
    low, high = spec["int"]
    return trial.suggest_int(name, low, high, log=spec.get("log", False), step=spec.get("step", 1))


def run(server, problem, sampler, seed, n_trials):
    spec = server.problems[problem]

    def objective(trial):
        params = {name: suggest(trial, name, s) for name, s in spec["space"].items()}
        return server.evaluate(problem, params)

    study = optuna.create_study(sampler=SAMPLERS[sampler](seed), direction="minimize")
    study.optimize(objective, n_trials=n_trials)
    return study.best_value - spec["optimum"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="")
    parser.add_argument("--samplers", default=",".join(SAMPLERS))
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--trials", type=int, default=100)
    args = parser.parse_args()
    server = ProblemServer()
    problems = [p for p in args.problems.split(",") if p] or list(server.problems)
    results = {}
    for problem in problems:
        for sampler in args.samplers.split(","):
            start = time.perf_counter()
            regrets = [run(server, problem, sampler, seed, args.trials) for seed in range(1, args.seeds + 1)]
            results.setdefault(problem, {})[sampler] = {"regrets": regrets, "seconds": time.perf_counter() - start}
            print(f"optuna {problem} {sampler}: {time.perf_counter() - start:.1f}s", file=sys.stderr)
    server.close()
    json.dump({"version": optuna.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
