"""Define-by-run counterparts of bench/conditionalProblems.mjs's conditional spaces, for Optuna: each
suggests exactly the params a Tuneboard trial of the same setting has, under the same names and in
the same order (the space's declaration order, branch params right after their parent). Flat spaces
need none: bench/optuna_samplers.py suggests them from their YAML shape.
"""


def two_branch_optimizer(trial):
    params = {"optimizer": trial.suggest_categorical("optimizer", ["sgd", "adam"])}
    if params["optimizer"] == "sgd":
        params["sgd.lr"] = trial.suggest_float("sgd.lr", 1e-4, 1, log=True)
        params["momentum"] = trial.suggest_float("momentum", 0, 0.99)
        params["nesterov"] = trial.suggest_categorical("nesterov", [True, False])
    else:
        params["adam.lr"] = trial.suggest_float("adam.lr", 1e-5, 1e-1, log=True)
        params["beta1"] = trial.suggest_float("beta1", 0.8, 0.999)
        params["beta2"] = trial.suggest_float("beta2", 0.9, 0.9999, log=True)
    params["weight_decay"] = trial.suggest_float("weight_decay", 1e-6, 1e-2, log=True)
    params["batch"] = trial.suggest_categorical("batch", [32, 64, 128, 256])
    return params


def per_layer(trial):
    params = {"layers": trial.suggest_int("layers", 1, 4)}
    for i in range(params["layers"]):
        params[f"units_{i}"] = trial.suggest_int(f"units_{i}", 16, 512, log=True)
    params["lr"] = trial.suggest_float("lr", 1e-4, 1e-1, log=True)
    params["dropout"] = trial.suggest_float("dropout", 0, 0.5)
    return params


def hierarchical_mixed(trial):
    params = {"model": trial.suggest_categorical("model", ["mlp", "cnn", "tree"])}
    if params["model"] == "mlp":
        params["width"] = trial.suggest_int("width", 32, 1024, log=True)
        params["activation"] = trial.suggest_categorical("activation", ["relu", "tanh", "gelu", "sigmoid"])
    elif params["model"] == "cnn":
        params["kernel"] = trial.suggest_int("kernel", 3, 7, step=2)
        params["channels"] = trial.suggest_categorical("channels", [16, 32, 64, 128])
        params["pooling"] = trial.suggest_categorical("pooling", ["max", "avg"])
    else:
        params["depth"] = trial.suggest_int("depth", 2, 12)
        params["estimators"] = trial.suggest_int("estimators", 10, 500, log=True)
        params["criterion"] = trial.suggest_categorical("criterion", ["gini", "entropy", "log_loss"])
    if params["model"] in ("mlp", "cnn"):
        params["lr"] = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    params["scheduler"] = trial.suggest_categorical("scheduler", ["none", "cosine", "step"])
    if params["scheduler"] == "step":
        params["step_size"] = trial.suggest_int("step_size", 1, 50)
    if params["scheduler"] in ("cosine", "step"):
        params["warmup"] = trial.suggest_int("warmup", 0, 10)
    return params


DEFINE_BY_RUN = {
    "branches": two_branch_optimizer,
    "perlayer": per_layer,
    "hierarchical": hierarchical_mixed,
}
