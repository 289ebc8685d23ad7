"""Optuna 3.1's pruners replayed on learning curves Tuneboard recorded, for bench/pruning.mjs.

stdin: {"direction": "maximize", "curves": [{"steps": [[step, value], ...], "value": v}, ...],
        "pruners": {"median": {...options}, "asha": {...}, "hyperband": {...}}}
Trials are replayed one after another in the recorded order; each reports its curve step by step
until the pruner says stop. stdout: {pruner: {"epochs": total steps run, "best": best complete value,
"pruned": count}}.
"""
import json
import sys
import warnings

import optuna
from optuna.distributions import FloatDistribution

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")


def make(name, options):
    if name == "median":
        return optuna.pruners.MedianPruner(**options)
    if name == "asha":
        return optuna.pruners.SuccessiveHalvingPruner(**options)
    if name == "hyperband":
        return optuna.pruners.HyperbandPruner(**options)
    if name == "none":
        return optuna.pruners.NopPruner()
    raise ValueError(name)


def replay(direction, curves, pruner):
    study = optuna.create_study(direction=direction, pruner=pruner, sampler=optuna.samplers.RandomSampler(seed=0))
    epochs, pruned, best = 0, 0, None
    for curve in curves:
        trial = study.ask({"x": FloatDistribution(0, 1)})
        stopped = False
        for step, value in curve["steps"]:
            epochs += 1
            trial.report(value, step)
            if trial.should_prune():
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                pruned += 1
                stopped = True
                break
        if not stopped:
            study.tell(trial, curve["value"])
            if best is None or (curve["value"] > best if direction == "maximize" else curve["value"] < best):
                best = curve["value"]
    return {"epochs": epochs, "best": best, "pruned": pruned}


request = json.load(sys.stdin)
print(json.dumps({name: replay(request["direction"], request["curves"], make(name, options)) for name, options in request["pruners"].items()}))
