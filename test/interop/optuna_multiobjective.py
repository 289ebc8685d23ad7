"""Python Optuna side of the multi-objective interop tests.

usage: optuna_multiobjective.py front JOURNAL STUDY          -> JSON: directions, metric names, every trial's
                                                                values and constraints, best_trials, and the
                                                                Pareto front of the feasible trials
       optuna_multiobjective.py optimize JOURNAL STUDY N SEED -> appends N trials with NSGA-II and a
                                                                constraints_func (x <= 0.8)
"""
import json
import sys
import warnings

import optuna
from optuna_storages import journal_file
from optuna.study._multi_objective import _get_pareto_front_trials_by_trials

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def storage(path):
    return journal_file(path)


def feasible(trial):
    constraints = trial.system_attrs.get("constraints")
    return constraints is None or all(c <= 0 for c in constraints)


def front(path, name):
    study = optuna.load_study(study_name=name, storage=storage(path))
    trials = study.get_trials(deepcopy=False)
    print(json.dumps({
        "directions": [d.name.lower() for d in study.directions],
        "metric_names": study.system_attrs.get("study:metric_names"),
        "trials": [{"number": t.number, "state": t.state.name.lower(), "values": t.values, "constraints": t.system_attrs.get("constraints")} for t in trials],
        "best_trials": sorted(t.number for t in study.best_trials),
        "feasible_front": sorted(t.number for t in _get_pareto_front_trials_by_trials([t for t in trials if feasible(t)], study.directions)),
    }))


def optimize(path, name, n, seed):
    sampler = optuna.samplers.NSGAIISampler(seed=seed, population_size=10, constraints_func=lambda t: [t.params["x"] - 0.8])
    study = optuna.load_study(study_name=name, storage=storage(path), sampler=sampler)

    def objective(trial):
        x = trial.suggest_float("x", 0, 1)
        y = trial.suggest_float("y", 0, 1)
        return x, (1 - x) ** 2 + y

    study.optimize(objective, n_trials=n)
    print(json.dumps({"trials": len(study.trials)}))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "front":
        front(sys.argv[2], sys.argv[3])
    elif command == "optimize":
        optimize(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(f"unknown command {command}")
