"""Python Optuna side of the conditional-space journal interop test: the same space as
conditionalJournal.test.ts, written as a define-by-run objective.

usage: optuna_conditional.py dump JOURNAL STUDY         -> JSON of every trial as Optuna sees it (optuna_journal.py's)
       optuna_conditional.py optimize JOURNAL STUDY N   -> appends N trials (TPE, seed 0), suggesting only the
                                                         params the branches taken make active
"""
import json
import math
import sys
import warnings

import optuna
from optuna_journal import dump  # the same trial records as the flat journal tests read
from optuna_storages import journal_file

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


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
