"""Asks Optuna 3.1's own TPESampler what it decides with several objectives and constraints, for tpe.test.ts.

`optuna_tpe.py rules`: stdin is a list of {points, k}; stdout per set {ranks
(_calculate_nondomination_rank), reference (MO-TPE's: max(1.1 w, 0.9 w), EPS for 0, over the
points), wfg (WFG volume of the points up to it), hssp (_solve_hssp's k positions, in the order
chosen)}.

`optuna_tpe.py split`: stdin is a list of studies {directions, trials: [{state, values, constraints,
intermediate: [[step, value]]}], constant_liar, constrained}; stdout per study {n (finished
observations), below, above (trial numbers, below in Optuna's order), weights_below (multi-objective
only)}, all from _get_observation_pairs / _split_observation_pairs /
_calculate_weights_below_for_multi_objective with gamma = default_gamma(n).

`optuna_tpe.py estimators`: stdin is a list of studies {directions, space: [[name, distribution]],
trials: [... as above, with params], sampler: {multivariate, constant_liar, constrained,
n_startup_trials, consider_prior, prior_weight, consider_magic_clip, consider_endpoints}, param,
candidates: {name: [values]}}. A new trial is created; a multivariate sampler is asked for its relative
space and sample_relative(), a univariate one sample_independent(param). Every _ParzenEstimator it
builds is recorded, and so are the split and below weights. stdout per study {space, below, above,
weights_below, estimators: null in the startup phase, else [below, above], each {weights, mus, sigmas,
categorical (per param), log_pdf (at the candidates)}}.

Trial numbers come from Optuna's own observation pairs: _get_observation_pairs is called on a view of
the study whose trials carry their number as an extra param.
"""
import json
import sys
import warnings

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution
from optuna.samplers._tpe import sampler as tpe_module
from optuna_cases import add_case_trials, distribution

optuna.logging.set_verbosity(optuna.logging.ERROR)
# Experimental options, and trials without constraint values, all warn.
warnings.filterwarnings("ignore")

NUMBER = "__number__"
ORIGINAL = {
    "pairs": tpe_module._get_observation_pairs,
    "split": tpe_module._split_observation_pairs,
    "weights": tpe_module._calculate_weights_below_for_multi_objective,
    "estimator": tpe_module._ParzenEstimator,
}


def make_study(case, space):
    return add_case_trials(optuna.create_study(directions=case["directions"]), case["trials"], space)


class Numbered:
    """The study as _get_observation_pairs reads it, each trial with its number as one more param."""

    def __init__(self, study):
        self._study = study
        self.directions = study.directions

    def _is_multi_objective(self):
        return self._study._is_multi_objective()

    def get_trials(self, deepcopy=False, states=None):
        trials = self._study.get_trials(deepcopy=True, states=states)
        for t in trials:
            t.distributions = {**t.distributions, NUMBER: FloatDistribution(0, 1e9)}
            t.params = {**t.params, NUMBER: float(t.number)}
        return trials


def numbering_pairs(recorder):
    """_get_observation_pairs as Optuna runs it, keeping each observation's trial number in recorder.numbers."""

    def pairs(study, param_names, *args):
        values, scores, violations = ORIGINAL["pairs"](Numbered(study), list(param_names) + [NUMBER], *args)
        recorder.numbers = [None if n is None else int(n) for n in values.pop(NUMBER)]
        return values, scores, violations

    return pairs


class Recorder:
    """Wraps the module's functions so the outermost split, the weights and the estimators are kept."""

    def __init__(self):
        self.numbers = None
        self.split = None
        self.weights = None
        self.estimators = []
        self.depth = 0

    def install(self):
        recorder = self

        def split(*args):
            recorder.depth += 1
            try:
                result = ORIGINAL["split"](*args)
            finally:
                recorder.depth -= 1
            if recorder.depth == 0:
                recorder.split = result
            return result

        def weights(*args):
            recorder.weights = ORIGINAL["weights"](*args)
            return recorder.weights

        class Estimator(ORIGINAL["estimator"]):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                recorder.estimators.append(self)

        tpe_module._get_observation_pairs = numbering_pairs(recorder)
        tpe_module._split_observation_pairs = split
        tpe_module._calculate_weights_below_for_multi_objective = weights
        tpe_module._ParzenEstimator = Estimator

    def numbers_of(self, indices, current):
        # Under the constant liar Optuna observes the trial being sampled too (running, so above); Tuneboard does not.
        return [self.numbers[i] for i in indices if self.numbers[i] is not None and self.numbers[i] != current]


def split(case):
    study = make_study(case, {})
    values, scores, violations = ORIGINAL["pairs"](Numbered(study), [NUMBER], case["constant_liar"], case["constrained"])
    numbers = [int(n) for n in values[NUMBER]]
    n = sum(s < float("inf") for s, _ in scores)
    below, above = ORIGINAL["split"](scores, tpe_module.default_gamma(n), violations)
    weights = ORIGINAL["weights"](scores, below, violations).tolist() if study._is_multi_objective() else None
    return {"n": n, "below": [numbers[i] for i in below], "above": [numbers[i] for i in above], "weights_below": weights}


def describe(estimator, candidates):
    mus, sigmas, categorical = {}, {}, {}
    for name in estimator._search_space:
        if estimator._mus[name] is not None:
            mus[name] = estimator._mus[name].tolist()
            sigmas[name] = estimator._sigmas[name].tolist()
        if estimator._categorical_weights[name] is not None:
            categorical[name] = estimator._categorical_weights[name].tolist()
    samples = {name: np.asarray(candidates[name], dtype=int if isinstance(d, CategoricalDistribution) else float) for name, d in estimator._search_space.items()}
    return {"weights": estimator._weights.tolist(), "mus": mus, "sigmas": sigmas, "categorical": categorical, "log_pdf": estimator.log_pdf(samples).tolist()}


def estimators(case):
    space = {name: distribution(d) for name, d in case["space"]}
    study = make_study(case, space)
    options = case["sampler"]
    sampler = optuna.samplers.TPESampler(
        consider_prior=options["consider_prior"],
        prior_weight=options["prior_weight"],
        consider_magic_clip=options["consider_magic_clip"],
        consider_endpoints=options["consider_endpoints"],
        n_startup_trials=options["n_startup_trials"],
        seed=0,
        multivariate=options["multivariate"],
        constant_liar=options["constant_liar"],
        # Only its presence matters: the constraint values are already on the trials.
        constraints_func=(lambda trial: [0.0]) if options["constrained"] else None,
    )
    recorder = Recorder()
    recorder.install()
    try:
        trial_id = study._storage.create_new_trial(study._study_id)
        trial = study._storage.get_trial(trial_id)
        if options["multivariate"]:
            relative_space = sampler.infer_relative_search_space(study, trial)
            sampler.sample_relative(study, trial, relative_space)
            names = list(relative_space)
        else:
            names = [case["param"]]
            sampler.sample_independent(study, trial, case["param"], space[case["param"]])
    finally:
        for name, original in [("_get_observation_pairs", "pairs"), ("_split_observation_pairs", "split"), ("_calculate_weights_below_for_multi_objective", "weights"), ("_ParzenEstimator", "estimator")]:
            setattr(tpe_module, name, ORIGINAL[original])
    if not recorder.estimators:
        return {"space": names, "estimators": None}
    below, above = recorder.split
    return {
        "space": names,
        "below": recorder.numbers_of(below, trial.number),
        "above": recorder.numbers_of(above, trial.number),
        "weights_below": None if recorder.weights is None else recorder.weights.tolist(),
        "estimators": [describe(e, case["candidates"]) for e in recorder.estimators],
    }


def rules(case):
    from optuna._hypervolume import WFG
    from optuna._hypervolume.hssp import _solve_hssp

    points = np.array(case["points"], dtype=float)
    worst = np.max(points, axis=0)
    reference = np.maximum(1.1 * worst, 0.9 * worst)
    reference[reference == 0] = tpe_module.EPS
    chosen = _solve_hssp(points, np.arange(len(points)), case["k"], reference)
    return {
        "ranks": tpe_module._calculate_nondomination_rank(points).tolist(),
        "reference": reference.tolist(),
        "wfg": float(WFG().compute(points, reference)),
        "hssp": chosen.tolist(),
    }


def main():
    mode = sys.argv[1]
    cases = json.load(sys.stdin)
    run = {"rules": rules, "split": split, "estimators": estimators}[mode]
    json.dump([run(c) for c in cases], sys.stdout, default=lambda v: v.item() if hasattr(v, "item") else str(v))


if __name__ == "__main__":
    main()
