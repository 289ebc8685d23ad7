"""How the decision-level interop scripts read a case written by the TypeScript side: trial states by
name, and a distribution from its JSON spec. Nothing here touches Optuna's internals, so it works on
Optuna 3.1 and on a current Optuna alike."""
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import TrialState, create_trial

STATES = {"complete": TrialState.COMPLETE, "running": TrialState.RUNNING, "fail": TrialState.FAIL, "pruned": TrialState.PRUNED}


def distribution(spec):
    """The Optuna distribution of a `{ type, low, high, log, step }` or `{ type: categorical, choices }` spec."""
    if spec["type"] == "categorical":
        return CategoricalDistribution(spec["choices"])
    if spec["type"] == "int":
        return IntDistribution(spec["low"], spec["high"], log=spec["log"], step=spec["step"])
    return FloatDistribution(spec["low"], spec["high"], log=spec["log"], step=spec["step"])


# The system attr holding a trial's constraint values (optuna.samplers._base._CONSTRAINTS_KEY in 3.1).
CONSTRAINTS_ATTR = "constraints"


def add_case_trials(study, trials, space):
    """Adds a case's trials to `study`: each with only its own params' distributions (taken from
    `space` by name), its values when complete, its intermediate values and its constraints."""
    for t in trials:
        state = STATES[t["state"]]
        params = t.get("params", {})
        extra = {} if t.get("constraints") is None else {"system_attrs": {CONSTRAINTS_ATTR: tuple(t["constraints"])}}
        study.add_trial(
            create_trial(
                state=state,
                values=t["values"] if state == TrialState.COMPLETE else None,
                params=params,
                distributions={name: space[name] for name in params},
                intermediate_values={step: v for step, v in t.get("intermediate", [])},
                **extra,
            )
        )
    return study
