"""Python Optuna side of the journal interop tests.

usage: optuna_journal.py dump JOURNAL STUDY        -> JSON of every trial as Optuna sees it
       optuna_journal.py optimize JOURNAL STUDY N  -> appends N trials with study.optimize (TPE, seed 0),
                                                   creating the study if the journal has none
       optuna_journal.py summaries JOURNAL         -> get_all_study_summaries: name, trials, start of each study
"""
import json
import math
import sys
import warnings

import optuna
from optuna_storages import journal_file

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def storage(path):
    return journal_file(path)


def number_or_none(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


def dump(path, name):
    study = optuna.load_study(study_name=name, storage=storage(path))
    trials = []
    for t in study.get_trials(deepcopy=False):
        trials.append({
            "number": t.number,
            "state": t.state.name.lower(),
            "value": number_or_none(t.value),
            "params": t.params,
            "distributions": {k: optuna.distributions.distribution_to_json(d) for k, d in t.distributions.items()},
            "intermediate_values": {str(k): number_or_none(v) for k, v in t.intermediate_values.items()},
            "user_attrs": t.user_attrs,
            "system_attrs": t.system_attrs,
            "has_start": t.datetime_start is not None,
            "has_complete": t.datetime_complete is not None,
        })
    best = None
    try:
        best = {"number": study.best_trial.number, "value": study.best_value, "params": study.best_params}
    except ValueError:
        pass
    print(json.dumps({"direction": study.direction.name.lower(), "trials": trials, "best": best}))


def optimize(path, name, n):
    study = optuna.create_study(study_name=name, storage=storage(path), sampler=optuna.samplers.TPESampler(seed=0), load_if_exists=True)

    def objective(trial):
        x = trial.suggest_float("x", -5, 5)
        k = trial.suggest_int("k", 1, 8, log=True)
        act = trial.suggest_categorical("act", ["relu", "tanh"])
        for step in range(3):
            trial.report(x * x + step, step)
        return (x - 1) ** 2 + k + (0 if act == "relu" else 1)

    study.optimize(objective, n_trials=n)
    print(json.dumps({"trials": len(study.trials)}))


def summaries(path):
    # Compares the datetime_start of every trial: fails if some are naive and some offset-aware.
    found = optuna.get_all_study_summaries(storage(path), include_best_trial=True)
    print(json.dumps([{
        "name": s.study_name,
        "trials": s.n_trials,
        "datetime_start": s.datetime_start.isoformat() if s.datetime_start else None,
        "best": s.best_trial.value if s.best_trial else None,
    } for s in found]))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif command == "optimize":
        optimize(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif command == "summaries":
        summaries(sys.argv[2])
    else:
        sys.exit(f"unknown command {command}")
