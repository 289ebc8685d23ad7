"""How the decision-level interop scripts read a case written by the TypeScript side: trial states by
name, and a distribution from its JSON spec. Nothing here touches Optuna's internals, so it works on
Optuna 3.1 and on a current Optuna alike."""
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import TrialState

STATES = {"complete": TrialState.COMPLETE, "running": TrialState.RUNNING, "fail": TrialState.FAIL, "pruned": TrialState.PRUNED}


def distribution(spec):
    """The Optuna distribution of a `{ type, low, high, log, step }` or `{ type: categorical, choices }` spec."""
    if spec["type"] == "categorical":
        return CategoricalDistribution(spec["choices"])
    if spec["type"] == "int":
        return IntDistribution(spec["low"], spec["high"], log=spec["log"], step=spec["step"])
    return FloatDistribution(spec["low"], spec["high"], log=spec["log"], step=spec["step"])
