"""Asks Optuna 3.1's own pruners what they decide for given trial histories.

stdin: a JSON list of cases {direction, pruner: {type, ...options}, completed: [{step: value}],
trial: {step: value}}; stdout: a JSON list of booleans, Optuna's prune() for each case.
"""
import json
import warnings
import sys

import optuna
from optuna.distributions import FloatDistribution
from optuna.trial import TrialState, create_trial

optuna.logging.set_verbosity(optuna.logging.ERROR)
# A trial whose values at a step are all NaN is part of the comparison; numpy warns about it.
warnings.filterwarnings("ignore", category=RuntimeWarning)


def make_pruner(spec):
    options = {k: v for k, v in spec.items() if k != "type"}
    if spec["type"] == "median":
        return optuna.pruners.MedianPruner(**options)
    if spec["type"] == "percentile":
        return optuna.pruners.PercentilePruner(**options)
    raise ValueError(spec["type"])


def decide(case):
    study = optuna.create_study(direction=case["direction"], pruner=make_pruner(case["pruner"]))
    dist = {"x": FloatDistribution(0, 1)}
    for steps in case["completed"]:
        values = {int(k): float(v) for k, v in steps.items()}
        last = values[max(values)] if values else 0.0
        study.add_trial(create_trial(params={"x": 0.5}, distributions=dist, value=last, intermediate_values=values))
    trial = study.ask({"x": FloatDistribution(0, 1)})
    for step, value in sorted(((int(k), float(v)) for k, v in case["trial"].items())):
        trial.report(value, step)
    return bool(trial.should_prune())


print(json.dumps([decide(case) for case in json.load(sys.stdin)]))
