"""Asks Optuna 3.1's TPESampler what it decides in a conditional space written as a define-by-run
objective, for tpeConditional.test.ts.

stdin: a list of studies {trials: [{state, values, intermediate: [[step, value]], params}] (each with
only its active params, as a define-by-run history holds them), sampler: {multivariate, group,
constant_liar, n_startup_trials, consider_prior, prior_weight, consider_magic_clip,
consider_endpoints, seed}, candidates: {name: [values]}}. The trials are added to a study, one trial
is asked (Optuna infers the relative space and samples it at that moment) and `suggest` below runs on
it, sampling every param its branch makes active.

stdout per study {relative_space (names), groups (sorted name lists, with group), params (the
trial's), relative (the params taken from the joint draw), fits: one per estimator pair built, in
order, {names, below, above (trial numbers; Optuna's order), estimators: [below, above] as
optuna_tpe.py's describe}}.
"""
import json
import os
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import optuna  # noqa: E402
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution  # noqa: E402
from optuna.samplers._tpe import sampler as tpe_module  # noqa: E402

from optuna_cases import add_case_trials  # noqa: E402
from optuna_tpe import ORIGINAL, describe, numbering_pairs  # noqa: E402

optuna.logging.set_verbosity(optuna.logging.ERROR)
# group is experimental, and multivariate TPE warns about each param it samples independently.
warnings.filterwarnings("ignore")

# The distributions `suggest` asks for, by name (test/fixtures/conditionalSpace.ts is the same space).
SPACE = {
    "optimizer": CategoricalDistribution(["sgd", "adam"]),
    "momentum": FloatDistribution(0.0, 0.99),
    "nesterov": CategoricalDistribution([True, False]),
    "beta1": FloatDistribution(0.8, 0.999),
    "model": CategoricalDistribution(["mlp", "cnn"]),
    "kernel_size": IntDistribution(3, 7, step=2),
    "lr": FloatDistribution(1e-4, 1e-1, log=True),
    "layers": IntDistribution(1, 3),
    "units_0": IntDistribution(16, 512, log=True),
    "units_1": IntDistribution(16, 512, log=True),
    "units_2": IntDistribution(16, 512, log=True),
}


def suggest(trial):
    """The conditional space, define-by-run: a param is suggested only where its branch is taken."""
    optimizer = trial.suggest_categorical("optimizer", ["sgd", "adam"])
    if optimizer == "sgd":
        trial.suggest_float("momentum", 0.0, 0.99)
        trial.suggest_categorical("nesterov", [True, False])
    else:
        trial.suggest_float("beta1", 0.8, 0.999)
    if trial.suggest_categorical("model", ["mlp", "cnn"]) == "cnn":
        trial.suggest_int("kernel_size", 3, 7, step=2)
    trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    layers = trial.suggest_int("layers", 1, 3)
    for i in range(layers):
        trial.suggest_int(f"units_{i}", 16, 512, log=True)


class FitRecorder:
    """Keeps, for every estimator pair TPE builds, the observation numbers and the split it used."""

    def __init__(self):
        self.fits = []
        self.numbers = None
        self.split = None

    def install(self):
        recorder = self

        def split(*args):
            recorder.split = ORIGINAL["split"](*args)
            return recorder.split

        class Estimator(ORIGINAL["estimator"]):
            def __init__(self, observations, search_space, *args, **kwargs):
                super().__init__(observations, search_space, *args, **kwargs)
                if not recorder.fits or len(recorder.fits[-1]["estimators"]) == 2:
                    below, above = recorder.split
                    recorder.fits.append({"names": list(search_space), "below": [recorder.numbers[i] for i in below], "above": [recorder.numbers[i] for i in above], "estimators": []})
                recorder.fits[-1]["estimators"].append(self)

        tpe_module._get_observation_pairs = numbering_pairs(recorder)
        tpe_module._split_observation_pairs = split
        tpe_module._ParzenEstimator = Estimator

    @staticmethod
    def uninstall():
        tpe_module._get_observation_pairs = ORIGINAL["pairs"]
        tpe_module._split_observation_pairs = ORIGINAL["split"]
        tpe_module._ParzenEstimator = ORIGINAL["estimator"]


def ask(case):
    options = case["sampler"]
    sampler = optuna.samplers.TPESampler(
        consider_prior=options["consider_prior"],
        prior_weight=options["prior_weight"],
        consider_magic_clip=options["consider_magic_clip"],
        consider_endpoints=options["consider_endpoints"],
        n_startup_trials=options["n_startup_trials"],
        multivariate=options["multivariate"],
        group=options["group"],
        constant_liar=options["constant_liar"],
        seed=options["seed"],
    )
    study = add_case_trials(optuna.create_study(sampler=sampler), case["trials"], SPACE)
    recorder = FitRecorder()
    recorder.install()
    try:
        trial = study.ask()
        suggest(trial)
    finally:
        recorder.uninstall()
    group = sampler._search_space_group
    current = trial.number
    return {
        "relative_space": list(trial.relative_search_space),
        "groups": None if group is None else [sorted(space) for space in group.search_spaces],
        "params": trial.params,
        "relative": [name for name in trial.params if trial._is_relative_param(name, SPACE[name])],
        "fits": [
            {
                "names": fit["names"],
                "below": [n for n in fit["below"] if n is not None and n != current],
                "above": [n for n in fit["above"] if n is not None and n != current],
                "estimators": [describe(e, case["candidates"]) for e in fit["estimators"]],
            }
            for fit in recorder.fits
        ],
    }


def main():
    cases = json.load(sys.stdin)
    json.dump([ask(c) for c in cases], sys.stdout, default=lambda v: v.item() if hasattr(v, "item") else str(v))


if __name__ == "__main__":
    main()
