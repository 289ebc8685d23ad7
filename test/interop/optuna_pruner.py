"""Asks Optuna's own pruners (3.1, or a current one) what they decide for given trial histories.

`optuna_pruner.py` (decide): stdin is a JSON list of cases {direction, pruner: {type, ...options},
completed: [{step: value}], trial: {step: value}}; stdout a JSON list of booleans, prune() for each.

`optuna_pruner.py simulate`: stdin is a JSON list of studies {name, direction, pruner, parallel,
trials: [[[step, value], ...]], picks: [float]}. Up to `parallel` trials run at once; each turn
picks[turn % len(picks)] chooses which running trial (in number order) reports its next step, then
asks should_prune(). A trial is pruned when told so, else completes with its last value (a NaN one
fails). stdout: per study, per trial {decisions, state, rungs (its completed_rung_k attrs),
bracket, seen (trial numbers the sampler may see once it is asked)}.

`optuna_pruner.py brackets`: stdin is a list of {min_resource, max_resource, reduction_factor,
names, numbers}; stdout per item {n_brackets, budgets, ids (per name, per number)}.
"""
import json
import math
import sys
import warnings

import optuna
from optuna.distributions import FloatDistribution
from optuna.trial import TrialState, create_trial

optuna.logging.set_verbosity(optuna.logging.ERROR)
# A trial whose values at a step are all NaN is part of the comparison; numpy warns about it.
warnings.filterwarnings("ignore", category=RuntimeWarning)
# Telling a trial NaN fails it (the comparison covers that); Optuna warns about it.
warnings.filterwarnings("ignore", category=UserWarning)

PRUNERS = {
    "median": optuna.pruners.MedianPruner,
    "percentile": optuna.pruners.PercentilePruner,
    "asha": optuna.pruners.SuccessiveHalvingPruner,
    "hyperband": optuna.pruners.HyperbandPruner,
}


def make_pruner(spec):
    return PRUNERS[spec["type"]](**{k: v for k, v in spec.items() if k != "type"})


def decide(case):
    study = optuna.create_study(direction=case["direction"], pruner=make_pruner(case["pruner"]))
    dist = {"x": FloatDistribution(0, 1)}
    for steps in case["completed"]:
        values = {int(k): float(v) for k, v in steps.items()}
        last = values[max(values)] if values else 0.0
        # Optuna >= 3.6 refuses a complete trial whose value is NaN. These pruners read the curves of
        # complete trials, never their values, so a NaN last step completes with 0 instead.
        value = 0.0 if math.isnan(last) else last
        study.add_trial(create_trial(params={"x": 0.5}, distributions=dist, value=value, intermediate_values=values))
    trial = study.ask({"x": FloatDistribution(0, 1)})
    for step, value in sorted(((int(k), float(v)) for k, v in case["trial"].items())):
        trial.report(value, step)
    return bool(trial.should_prune())


def bracket_of(study, number):
    pruner = study.pruner
    if not isinstance(pruner, optuna.pruners.HyperbandPruner):
        return None
    return pruner._get_bracket_id(study, study.get_trials(deepcopy=False)[number])


def simulate(case):
    study = optuna.create_study(
        study_name=case["name"],
        direction=case["direction"],
        pruner=make_pruner(case["pruner"]),
        sampler=optuna.samplers.RandomSampler(seed=0),
    )
    curves = case["trials"]
    picks = case["picks"]
    records = [{"decisions": [], "seen": None} for _ in curves]
    running = []  # [trial, number, reports so far], in number order
    asked = 0
    turn = 0
    while asked < len(curves) or running:
        while len(running) < case["parallel"] and asked < len(curves):
            trial = study.ask()
            frozen = study.get_trials(deepcopy=False)[trial.number]
            seen = optuna.pruners._filter_study(study, frozen).get_trials(deepcopy=False)
            records[trial.number]["seen"] = [t.number for t in seen]
            running.append([trial, trial.number, 0])
            asked += 1
        slot = running[math.floor(picks[turn % len(picks)] * len(running))]
        turn += 1
        trial, number, done = slot
        step, value = curves[number][done]
        trial.report(float(value), step)
        slot[2] = done + 1
        prune = bool(trial.should_prune())
        records[number]["decisions"].append(prune)
        if prune:
            study.tell(trial, state=TrialState.PRUNED)
        elif slot[2] == len(curves[number]):
            study.tell(trial, float(value))  # NaN fails the trial
        else:
            continue
        running.remove(slot)
    for trial in study.get_trials(deepcopy=False):
        record = records[trial.number]
        record["state"] = trial.state.name.lower()
        record["rungs"] = {k: v for k, v in trial.system_attrs.items() if k.startswith("completed_rung_")}
        record["bracket"] = bracket_of(study, trial.number)
    return records


def brackets(item):
    pruner = optuna.pruners.HyperbandPruner(item["min_resource"], item["max_resource"], item["reduction_factor"])
    pruner._try_initialization(None)  # an integer max_resource needs no study

    class Named:
        def __init__(self, name):
            self.study_name = name

    class Numbered:
        def __init__(self, number):
            self.number = number

    ids = [[pruner._get_bracket_id(Named(name), Numbered(n)) for n in item["numbers"]] for name in item["names"]]
    return {"n_brackets": pruner._n_brackets, "budgets": pruner._trial_allocation_budgets, "ids": ids}


MODES = {"decide": decide, "simulate": simulate, "brackets": brackets}
mode = MODES[sys.argv[1] if len(sys.argv) > 1 else "decide"]
print(json.dumps([mode(case) for case in json.load(sys.stdin)]))
