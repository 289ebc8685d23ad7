"""Optuna 3.1 on Tuneboard's benchmark problems, for bench/samplers.mjs to print beside its own figures.

The problems are not redefined here: `node bench/problems.mjs --serve` describes them (spaces in the
config's YAML shape, optima) and evaluates every trial, so both sides optimise the same functions.
Prints one JSON object: {problem: {sampler: {"regrets": [...], "seconds": s}}}.

    /usr/bin/python3 bench/optuna_samplers.py --problems branin,mixed --seeds 10 --trials 100
"""
import warnings

import optuna

from optuna_conditional import DEFINE_BY_RUN
from optuna_peer import run_benchmark

# ERROR: multivariate TPE warns once per conditional param and trial that it samples it independently (expected here).
optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

SAMPLERS = {
    "random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
    "tpe-mv": lambda seed: optuna.samplers.TPESampler(seed=seed, multivariate=True),
}


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
        if problem in DEFINE_BY_RUN:
            params = DEFINE_BY_RUN[problem](trial)
        else:
            params = {name: suggest(trial, name, s) for name, s in spec["space"].items()}
        return server.evaluate(problem, params)

    study = optuna.create_study(sampler=SAMPLERS[sampler](seed), direction="minimize")
    study.optimize(objective, n_trials=n_trials)
    return study.best_value - spec["optimum"]


if __name__ == "__main__":
    run_benchmark("problems.mjs", SAMPLERS, run, "regrets", default_seeds=10, default_trials=100)
