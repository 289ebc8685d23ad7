"""Optuna 3.1 on Tuneboard's multi-objective benchmark problems, for bench/multiobjective.mjs.

The problems are not redefined here: `node bench/moProblems.mjs --serve` describes them and evaluates
every trial. Prints one JSON object: {problem: {sampler: {"runs": [[trial, ...], ...], "seconds": s}}},
each trial [values, constraints or null], so the Node side computes every hypervolume by one rule.

    /usr/bin/python3 bench/optuna_multiobjective.py --problems zdt1 --samplers nsga2,tpe --seeds 20 --trials 300
"""
import warnings

import optuna

from optuna_peer import run_benchmark

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def constraints_of(trial):
    return trial.user_attrs["constraints"]


SAMPLERS = {
    "random": lambda seed, constrained: optuna.samplers.RandomSampler(seed=seed),
    "nsga2": lambda seed, constrained: optuna.samplers.NSGAIISampler(seed=seed, constraints_func=constraints_of if constrained else None),
    "tpe": lambda seed, constrained: optuna.samplers.TPESampler(seed=seed, constraints_func=constraints_of if constrained else None),
}


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


if __name__ == "__main__":
    run_benchmark("moProblems.mjs", SAMPLERS, run, "runs", default_seeds=20, default_trials=300)
