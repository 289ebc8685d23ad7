"""Optuna 3.1's half of bench/distributed.mjs: one process on JournalStorage(JournalRedisStorage).

The same protocol as bench/distributedWorker.mjs, with the same objective (x^2 + y^2) and space, and
the params sampled by ask(fixed_distributions) as Tuneboard's ask() samples its space:

    /usr/bin/python3 bench/optuna_redis_bench.py throughput URL PREFIX STUDY SAMPLER SEED TRIALS [SLEEP_MS]
        prints "ready", waits for a "go" line on stdin, runs TRIALS ask/tell rounds (the objective
        sleeps SLEEP_MS first, if > 0) and prints {"start", "end", "trials", "objectiveMs", "cpuMs"}
        (epoch ms, so processes compare; cpuMs: the process's CPU time in the rounds)
    /usr/bin/python3 bench/optuna_redis_bench.py latency URL PREFIX STUDY SAMPLER SEED ASKS
        opens the study (the replay of the whole log, timed as openMs), times ASKS ask() calls, each
        followed by an untimed tell, and prints {"openMs", "trialsBefore", "asks": [ms, ...]}
"""
import json
import sys
import time
import warnings

import optuna
from optuna.distributions import FloatDistribution

optuna.logging.set_verbosity(optuna.logging.WARNING)
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

SPACE = {"x": FloatDistribution(-5.0, 5.0), "y": FloatDistribution(-5.0, 5.0)}
SAMPLERS = {
    "random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    "tpe": lambda seed: optuna.samplers.TPESampler(seed=seed),
}


def objective(params):
    return params["x"] ** 2 + params["y"] ** 2


try:  # Optuna >= 4.0's name (test/interop/optuna_storages.py opens the tests' journals alike)
    from optuna.storages.journal import JournalRedisBackend as RedisBackend
except ImportError:  # Optuna 3.1
    from optuna.storages import JournalRedisStorage as RedisBackend


def open_study(url, prefix, name, sampler, seed):
    storage = optuna.storages.JournalStorage(RedisBackend(url, prefix=prefix))
    return optuna.load_study(study_name=name, storage=storage, sampler=SAMPLERS[sampler](seed))


def throughput(url, prefix, name, sampler, seed, trials, sleep_ms):
    study = open_study(url, prefix, name, sampler, seed)
    print("ready", flush=True)
    sys.stdin.readline()
    objective_ms = 0.0
    cpu_before = time.process_time()
    start = time.time() * 1000
    for _ in range(trials):
        trial = study.ask(SPACE)
        before = time.perf_counter()
        if sleep_ms > 0:
            time.sleep(sleep_ms / 1000)
        value = objective(trial.params)
        objective_ms += (time.perf_counter() - before) * 1000
        study.tell(trial, value)
    end = time.time() * 1000
    cpu_ms = (time.process_time() - cpu_before) * 1000
    return {"start": start, "end": end, "trials": trials, "objectiveMs": objective_ms, "cpuMs": cpu_ms}


def latency(url, prefix, name, sampler, seed, asks, _sleep_ms):
    started = time.perf_counter()
    study = open_study(url, prefix, name, sampler, seed)
    trials_before = len(study.get_trials(deepcopy=False))
    open_ms = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(asks):
        before = time.perf_counter()
        trial = study.ask(SPACE)
        times.append((time.perf_counter() - before) * 1000)
        study.tell(trial, objective(trial.params))
    return {"openMs": open_ms, "trialsBefore": trials_before, "asks": times}


def main():
    mode, url, prefix, name, sampler, seed, count = sys.argv[1:8]
    sleep_ms = float(sys.argv[8]) if len(sys.argv) > 8 else 0.0
    run = latency if mode == "latency" else throughput
    print(json.dumps(run(url, prefix, name, sampler, int(seed), int(count), sleep_ms)), flush=True)


if __name__ == "__main__":
    main()
