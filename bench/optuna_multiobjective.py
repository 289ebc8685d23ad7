"""Optuna 3.1 on Tuneboard's multi-objective benchmark problems, for bench/multiobjective.mjs.

The problems are not redefined here: `node bench/moProblems.mjs --serve` describes them and evaluates
every trial. Prints one JSON object: {problem: {sampler: {"runs": [[trial, ...], ...], "seconds": s}}},
each trial [values, constraints or null], so the Node side computes every hypervolume by one rule.

    /usr/bin/python3 bench/optuna_multiobjective.py --problems zdt1 --samplers nsga2,tpe --seeds 20 --trials 300
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


def constraints_of(trial):
    return trial.user_attrs["constraints"]


SAMPLERS = {
    "random": lambda seed, constrained: optuna.samplers.RandomSampler(seed=seed),
    "nsga2": lambda seed, constrained: optuna.samplers.NSGAIISampler(seed=seed, constraints_func=constraints_of if constrained else None),
    "tpe": lambda seed, constrained: optuna.samplers.TPESampler(seed=seed, constraints_func=constraints_of if constrained else None),
}


class ProblemServer:
    """The Node side of the problem definitions, spoken to over JSON lines."""

    def __init__(self):
        here = os.path.dirname(os.path.abspath(__file__))
        self.process = subprocess.Popen(
            ["node", os.path.join(here, "moProblems.mjs"), "--serve"],
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


def run(server, problem, sampler, seed, n_trials):
    spec = server.problems[problem]
    constrained = spec["constrained"]

    def objective(trial):
        params = {name: trial.suggest_float(name, *s["float"]) for name, s in spec["space"].items()}
        result = server.evaluate(problem, params)
        if constrained:
            trial.set_user_attr("constraints", result["constraints"])
        return result["values"]

    study = optuna.create_study(sampler=SAMPLERS[sampler](seed, constrained), directions=["minimize"] * spec["objectives"])
    study.optimize(objective, n_trials=n_trials)
    return [[t.values, t.user_attrs.get("constraints")] for t in study.trials]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--problems", default="")
    parser.add_argument("--samplers", default=",".join(SAMPLERS))
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--trials", type=int, default=300)
    args = parser.parse_args()
    server = ProblemServer()
    problems = [p for p in args.problems.split(",") if p] or list(server.problems)
    results = {}
    for problem in problems:
        for sampler in args.samplers.split(","):
            start = time.perf_counter()
            runs = [run(server, problem, sampler, seed, args.trials) for seed in range(1, args.seeds + 1)]
            results.setdefault(problem, {})[sampler] = {"runs": runs, "seconds": time.perf_counter() - start}
            print(f"optuna {problem} {sampler}: {time.perf_counter() - start:.1f}s", file=sys.stderr)
    server.close()
    json.dump({"version": optuna.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
