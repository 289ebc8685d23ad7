"""Asks a current Optuna's (4.x, 5.x) TPESampler what it decides, for tpeCurrent.test.ts.

Run with the current Optuna first on PYTHONPATH (test/interop/pythonPeers.ts does that when
TUNEBOARD_OPTUNA_CURRENT is set). stdin is a list of studies {directions, space: [[name,
distribution]], trials: [{state, values, intermediate: [[step, value]], params}], sampler: {keyword
arguments of TPESampler, often none}, param, candidates: {name: [values]}}. A new trial is created; the
sampler is asked for its relative space and sample_relative() when it is multivariate for the study,
else for sample_independent(param). The split (_split_trials) and every _ParzenEstimator it builds are
recorded. stdout per study {multivariate, space, below, above (trial numbers), estimators: null in the
startup phase, else [below, above], each {weights, mus, sigmas, categorical (per param), log_pdf (at
the candidates)}}.
"""
import json
import sys
import warnings

import numpy as np
import optuna
from optuna.samplers._tpe import sampler as tpe_module
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator
from optuna.samplers._tpe.probability_distributions import _BatchedCategoricalDistributions
from optuna_cases import add_case_trials, distribution

optuna.logging.set_verbosity(optuna.logging.ERROR)

# numpy's default argsort is unstable from 17 elements, so which of several equal observations gets
# which neighbour-gap sigma is unspecified; Tuneboard takes them in observation order. A stable sort
# here makes that order Optuna's too, so the densities of large estimators compare as well.
_argsort = np.argsort
np.argsort = lambda a, axis=-1, kind=None, order=None: _argsort(a, axis=axis, kind="stable", order=order)
# Deprecated and experimental arguments warn.
warnings.filterwarnings("ignore")



def make_study(case, space):
    return add_case_trials(optuna.create_study(directions=case["directions"]), case["trials"], space)


class Recorder:
    """Keeps the last split and the estimators built since `reset`."""

    def __init__(self):
        self.split = None
        self.estimators = []

    def install(self):
        recorder = self
        original_split = tpe_module._split_trials

        def split(study, trials, n_below):
            below, above = original_split(study, trials, n_below)
            recorder.split = ([t.number for t in below], [t.number for t in above])
            return below, above

        class Recording(_ParzenEstimator):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                recorder.estimators.append(self)

        tpe_module._split_trials = split
        return Recording


def describe(mpe, candidates):
    mixture = mpe._mixture_distribution
    out = {"weights": mixture.weights.tolist(), "mus": {}, "sigmas": {}, "categorical": {}}
    for name, d in zip(mpe._search_space, mixture.distributions):
        if isinstance(d, _BatchedCategoricalDistributions):
            out["categorical"][name] = d.weights.tolist()
        else:
            out["mus"][name] = np.asarray(d.mu).tolist()
            out["sigmas"][name] = np.asarray(d.sigma).tolist()
    samples = {name: np.asarray(candidates[name], dtype=float) for name in mpe._search_space}
    out["log_pdf"] = mpe.log_pdf(samples).tolist()
    return out


def estimators(case, recorder, estimator_cls):
    space = {name: distribution(spec) for name, spec in case["space"]}
    study = make_study(case, space)
    sampler = optuna.samplers.TPESampler(seed=0, **case["sampler"])
    sampler._parzen_estimator_cls = estimator_cls
    trial_id = study._storage.create_new_trial(study._study_id)
    trial = study._storage.get_trial(trial_id)
    recorder.split = None
    recorder.estimators = []
    multivariate = sampler._is_multivariate(study)
    if multivariate:
        relative = sampler.infer_relative_search_space(study, trial)
        names = list(relative)
        if relative:
            sampler.sample_relative(study, trial, relative)
    else:
        names = [case["param"]]
        sampler.sample_independent(study, trial, case["param"], space[case["param"]])
    answer = {"multivariate": multivariate, "space": names, "estimators": None}
    if recorder.estimators:
        below, above = recorder.estimators[:2]
        answer["below"], answer["above"] = recorder.split
        answer["estimators"] = [describe(below, case["candidates"]), describe(above, case["candidates"])]
    return answer


if __name__ == "__main__":
    recorder = Recorder()
    estimator_cls = recorder.install()
    cases = json.load(sys.stdin)
    json.dump({"version": optuna.__version__, "answers": [estimators(case, recorder, estimator_cls) for case in cases]}, sys.stdout)
