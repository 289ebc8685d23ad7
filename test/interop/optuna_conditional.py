"""Python Optuna side of the conditional-space journal interop test: the same space as
conditionalJournal.test.ts, written as a define-by-run objective.

usage: optuna_conditional.py dump JOURNAL STUDY         -> JSON: each trial's state, value, params, distributions
       optuna_conditional.py optimize JOURNAL STUDY N   -> appends N trials (TPE, seed 0), suggesting only the
                                                         params the branches taken make active
"""
import json
import math
import sys
import warnings

import optuna
from optuna_storages import journal_file

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def dump(path, name):
    study = optuna.load_study(study_name=name, storage=journal_file(path))
    trials = []
    for t in study.get_trials(deepcopy=False):
        trials.append({
            "number": t.number,
            "state": t.state.name.lower(),
            "value": None if t.value is None or math.isnan(t.value) else t.value,
            "params": t.params,
            "distributions": {k: optuna.distributions.distribution_to_json(d) for k, d in t.distributions.items()},
        })
    print(json.dumps({"trials": trials}))


def objective(trial):
    optimizer = trial.suggest_categorical("optimizer", ["sgd", "adam"])
    loss = 0.0
    if optimizer == "sgd":
        momentum = trial.suggest_float("momentum", 0.0, 0.99)
        nesterov = trial.suggest_categorical("nesterov", [True, False])
        loss += (momentum - 0.9) ** 2 + (0 if nesterov else 0.1)
    else:
        beta1 = trial.suggest_float("beta1", 0.8, 0.999)
        loss += (beta1 - 0.9) ** 2
    lr = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    loss += (math.log10(lr) + 2) ** 2
    layers = trial.suggest_int("layers", 1, 3)
    for i in range(layers):
        units = trial.suggest_int(f"units_{i}", 16, 512, log=True)
        loss += (math.log2(units) - 7) ** 2 / 10
    return loss


def optimize(path, name, n):
    study = optuna.load_study(study_name=name, storage=journal_file(path), sampler=optuna.samplers.TPESampler(seed=0))
    study.optimize(objective, n_trials=n)
    print(json.dumps({"trials": len(study.trials)}))


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "dump":
        dump(sys.argv[2], sys.argv[3])
    elif command == "optimize":
        optimize(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(f"unknown command {command}")
