"""Python Optuna (3.1, or a current one) on a Redis journal, the peer of Tuneboard's Redis storage.

usage: optuna_redis.py optimize URL PREFIX STUDY N [SLEEP]
                                                    -> N Branin trials with TPE (seed 0) on the existing study,
                                                       each taking SLEEP seconds more (default 0)
       optuna_redis.py enqueue URL PREFIX STUDY N   -> N waiting trials, x1 = -5 + 15i/N and x2 = 15i/N (enqueue_trial)
       optuna_redis.py dump URL PREFIX STUDY        -> JSON: every trial's number, state, value, and the best
       optuna_redis.py check URL PREFIX STUDY       -> JSON: every trial's number, state, value, params and the
                                                       system attrs of stale trials and their retries, as Optuna loads them
"""
import json
import math
import sys
import time
import warnings

import optuna
from optuna_storages import journal_redis

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def storage(url, prefix):
    return journal_redis(url, prefix)


SLEEP = 0.0


def branin(trial):
    time.sleep(SLEEP)
    x1 = trial.suggest_float("x1", -5, 10)
    x2 = trial.suggest_float("x2", 0, 15)
    b, c = 5.1 / (4 * math.pi ** 2), 5 / math.pi
    return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x1) + 10


def main():
    command, url, prefix, name = sys.argv[1:5]
    study = optuna.load_study(study_name=name, storage=storage(url, prefix), sampler=optuna.samplers.TPESampler(seed=0))
    if command == "optimize":
        global SLEEP
        SLEEP = float(sys.argv[6]) if len(sys.argv) > 6 else 0.0
        study.optimize(branin, n_trials=int(sys.argv[5]))
        print(json.dumps({"ok": True}))
    elif command == "enqueue":
        n = int(sys.argv[5])
        for i in range(n):
            study.enqueue_trial({"x1": -5 + 15 * i / n, "x2": 15 * i / n})
        print(json.dumps({"ok": True}))
    elif command == "dump":
        trials = [{"number": t.number, "state": t.state.name.lower(), "value": t.value} for t in study.get_trials(deepcopy=False)]
        print(json.dumps({"trials": trials, "best": study.best_trial.number}))
    elif command == "check":
        keys = ("fail_reason", "retried_from", "failed_trial")
        trials = [
            {
                "number": t.number,
                "state": t.state.name.lower(),
                "value": t.value,
                "params": t.params,
                **{key: t.system_attrs.get(key) for key in keys},
            }
            for t in study.get_trials(deepcopy=False)
        ]
        print(json.dumps({"trials": trials}))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
