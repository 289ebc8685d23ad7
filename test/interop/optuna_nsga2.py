"""Asks Optuna 3.1's own NSGA-II and multi-objective code what it decides, for nsga2.test.ts.

`optuna_nsga2.py rules`: stdin is a JSON list of populations {directions, constrained, population_size,
trials: [{values, constraints}]} (all complete, numbered in order); stdout per population {ranks
(trial numbers per rank, in Optuna's order), distances ({number: crowding distance} of each rank),
elite (numbers chosen by _select_elite_population, in order), front (best_trials' numbers)}.

`optuna_nsga2.py hypervolume`: stdin is a list of {points, reference}; stdout the WFG volumes.

`optuna_nsga2.py sample`: stdin is a list of studies {directions, space: [[name, distribution]], trials:
[{state, values, constraints, generation, params}], sampler: {population_size, crossover, crossover
options, crossover_prob, mutation_prob, swapping_prob, constrained}, uniforms, normals}. The sampler's
numpy stream is replaced by one that replays `uniforms` (rand, choice = floor(u * n)) and `normals`
(normal = loc + scale * z), so both sides draw the same numbers. A new trial is created and
sample_relative() called on it; stdout per study {generation (the attr it wrote), parent_generation,
parents (the parent population's numbers), space (the relative space's names), params (what it
returned), uniforms, normals (how many of each it drew)}.
"""
import json
import math
import sys
import warnings

import numpy as np
import optuna
from optuna.samplers import nsgaii
from optuna.samplers._base import _CONSTRAINTS_KEY
from optuna.samplers.nsgaii._sampler import _calc_crowding_distance
from optuna.study import StudyDirection
from optuna.study._multi_objective import _get_pareto_front_trials_by_trials
from optuna.trial import TrialState, create_trial
from optuna_cases import STATES, distribution

optuna.logging.set_verbosity(optuna.logging.ERROR)
# Experimental crossovers and constraints_func, and trials without constraint values, all warn.
warnings.filterwarnings("ignore")



def directions_of(names):
    return [StudyDirection.MINIMIZE if d == "minimize" else StudyDirection.MAXIMIZE for d in names]


def make_sampler(spec):
    options = spec.get("crossover_options", {})
    crossover = {
        "uniform": lambda: None,
        "blxalpha": lambda: nsgaii.BLXAlphaCrossover(**options),
        "sbx": lambda: nsgaii.SBXCrossover(**options),
        "vsbx": lambda: nsgaii.VSBXCrossover(**options),
        "undx": lambda: nsgaii.UNDXCrossover(**options),
        "spx": lambda: nsgaii.SPXCrossover(**options),
    }[spec.get("crossover", "uniform")]()
    return optuna.samplers.NSGAIISampler(
        population_size=spec["population_size"],
        mutation_prob=spec.get("mutation_prob"),
        crossover=crossover,
        crossover_prob=spec.get("crossover_prob", 0.9),
        swapping_prob=spec.get("swapping_prob", 0.5),
        # Only its presence matters here: it makes the sampler compare by constrained domination.
        constraints_func=(lambda trial: [0.0]) if spec.get("constrained") else None,
    )


def rules(case):
    directions = directions_of(case["directions"])
    trials = []
    for number, t in enumerate(case["trials"]):
        attrs = {} if t.get("constraints") is None else {_CONSTRAINTS_KEY: tuple(t["constraints"])}
        trial = create_trial(values=t["values"], system_attrs=attrs)
        trial.number = number
        trials.append(trial)
    sampler = make_sampler({"population_size": case["population_size"], "constrained": case["constrained"]})
    ranks = sampler._fast_non_dominated_sort(list(trials), directions)
    distances = [{str(k): v for k, v in _calc_crowding_distance(list(rank)).items()} for rank in ranks]
    # _select_elite_population reads nothing of the study but its directions.
    study_view = type("StudyView", (), {"directions": directions})()
    elite = sampler._select_elite_population(study_view, list(trials)) if len(trials) >= case["population_size"] else []
    front = _get_pareto_front_trials_by_trials(trials, directions)
    return {
        "ranks": [[t.number for t in rank] for rank in ranks],
        "distances": distances,
        "elite": [t.number for t in elite],
        "front": [t.number for t in front],
    }


class Replay:
    """numpy RandomState's calls NSGA-II makes, answered from given streams."""

    def __init__(self, uniforms, normals):
        self.uniforms, self.normals = uniforms, normals
        self.used_uniforms = self.used_normals = 0

    def _u(self):
        u = self.uniforms[self.used_uniforms]
        self.used_uniforms += 1
        return u

    def _z(self):
        z = self.normals[self.used_normals]
        self.used_normals += 1
        return z

    def rand(self, size=None):
        return self._u() if size is None else np.array([self._u() for _ in range(size)])

    def choice(self, n):
        return int(self._u() * n)

    def normal(self, loc=0.0, scale=1.0, size=None):
        if size is None:
            return loc + scale * self._z()
        return np.array([loc + scale * self._z() for _ in range(size)])


def sample(case):
    directions = case["directions"]
    study = optuna.create_study(directions=directions)
    space = {name: distribution(d) for name, d in case["space"]}
    for t in case["trials"]:
        attrs = {}
        if t.get("constraints") is not None:
            attrs[_CONSTRAINTS_KEY] = tuple(t["constraints"])
        if t.get("generation") is not None:
            attrs["nsga2:generation"] = t["generation"]
        state = STATES[t["state"]]
        values = t["values"] if state == TrialState.COMPLETE else None
        study.add_trial(create_trial(state=state, values=values, params=t["params"], distributions=space, system_attrs=attrs))
    sampler = make_sampler(case["sampler"])
    replay = Replay(case["uniforms"], case["normals"])
    sampler._rng = replay
    parent_generation, parents = sampler._collect_parent_population(study)
    trial_id = study._storage.create_new_trial(study._study_id)
    trial = study._storage.get_trial(trial_id)
    relative_space = sampler.infer_relative_search_space(study, trial)
    params = sampler.sample_relative(study, trial, relative_space)
    written = study._storage.get_trial(trial_id).system_attrs.get("nsga2:generation")
    return {
        "generation": written,
        "parent_generation": parent_generation,
        "parents": [t.number for t in parents],
        "space": list(relative_space),
        "params": params,
        "uniforms": replay.used_uniforms,
        "normals": replay.used_normals,
    }


def hypervolume(case):
    from optuna._hypervolume import WFG

    points = np.array(case["points"], dtype=float).reshape(-1, len(case["reference"]))
    if len(points) == 0:
        return 0.0
    return float(WFG().compute(points, np.array(case["reference"], dtype=float)))


def main():
    mode = sys.argv[1]
    cases = json.load(sys.stdin)
    run = {"rules": rules, "sample": sample, "hypervolume": hypervolume}[mode]
    json.dump([run(c) for c in cases], sys.stdout, default=lambda v: v.item() if hasattr(v, "item") else str(v))


if __name__ == "__main__":
    main()
