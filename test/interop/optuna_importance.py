"""Python Optuna side of the parameter-importance interop test.

usage: optuna_importance.py JOURNAL STUDY SEED...  -> JSON list, one {param: importance} per seed, from
       optuna.importance.get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=SEED))
       on the study in the journal (needs scikit-learn)
"""
import json
import sys
import warnings

import optuna
from optuna.importance import FanovaImportanceEvaluator, get_param_importances
from optuna_storages import journal_file

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


def main(path, name, seeds):
    study = optuna.load_study(study_name=name, storage=journal_file(path))
    results = []
    for seed in seeds:
        importances = get_param_importances(study, evaluator=FanovaImportanceEvaluator(seed=int(seed)))
        results.append({param: float(value) for param, value in importances.items()})
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:] or ["0"])
