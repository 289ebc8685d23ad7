"""Softmax regression on the iris flowers, in plain Python (no packages needed).

Tuneboard runs it once per trial with the trial's values on the command line, and reads the metrics
it prints: one `key=value` line per epoch (with `step=`), so the leaderboard draws learning curves and
the pruner can stop hopeless trials early. Run it by hand too:  python3 train.py --learning-rate 0.1
"""
import argparse
import csv
import math
import os
import random

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--learning-rate", "--learning_rate", dest="learning_rate", type=float, default=0.05)
parser.add_argument("--l2", type=float, default=1e-4)
parser.add_argument("--epochs", type=int, default=60)
parser.add_argument("--batch-size", "--batch_size", dest="batch_size", type=int, default=16)
parser.add_argument("--seed", type=int, default=int(os.environ.get("TUNEBOARD_SEED", "0")) % (2**31))
args = parser.parse_args()

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "iris", "data", "iris.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
features = [c for c in rows[0] if c != "species"]
classes = sorted({r["species"] for r in rows})
X = [[float(r[c]) for c in features] for r in rows]
y = [classes.index(r["species"]) for r in rows]

# A fixed hold-out split (the same for every trial), stratified by class; standardised on train only.
split = random.Random(1234)
train_idx, val_idx = [], []
for k in range(len(classes)):
    members = [i for i in range(len(rows)) if y[i] == k]
    split.shuffle(members)
    cut = len(members) // 5
    val_idx += members[:cut]
    train_idx += members[cut:]
means = [sum(X[i][j] for i in train_idx) / len(train_idx) for j in range(len(features))]
stds = [math.sqrt(sum((X[i][j] - means[j]) ** 2 for i in train_idx) / len(train_idx)) or 1.0 for j in range(len(features))]
X = [[(row[j] - means[j]) / stds[j] for j in range(len(features))] for row in X]

rng = random.Random(args.seed)
W = [[rng.gauss(0, 0.01) for _ in features] for _ in classes]
b = [0.0 for _ in classes]


def probabilities(x):
    logits = [sum(w * v for w, v in zip(W[k], x)) + b[k] for k in range(len(classes))]
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def evaluate(indices):
    loss, correct = 0.0, 0
    for i in indices:
        p = probabilities(X[i])
        loss -= math.log(max(p[y[i]], 1e-12))
        correct += max(range(len(classes)), key=p.__getitem__) == y[i]
    return loss / len(indices), correct / len(indices)


for epoch in range(args.epochs):
    rng.shuffle(train_idx)
    for start in range(0, len(train_idx), args.batch_size):
        batch = train_idx[start : start + args.batch_size]
        gW = [[0.0] * len(features) for _ in classes]
        gb = [0.0] * len(classes)
        for i in batch:
            p = probabilities(X[i])
            for k in range(len(classes)):
                d = p[k] - (1.0 if y[i] == k else 0.0)
                gb[k] += d
                for j in range(len(features)):
                    gW[k][j] += d * X[i][j]
        for k in range(len(classes)):
            b[k] -= args.learning_rate * gb[k] / len(batch)
            for j in range(len(features)):
                W[k][j] -= args.learning_rate * (gW[k][j] / len(batch) + args.l2 * W[k][j])
    loss, accuracy = evaluate(train_idx)
    val_loss, val_accuracy = evaluate(val_idx)
    print(f"epoch {epoch}: step={epoch} loss={loss:.6f} val_loss={val_loss:.6f} accuracy={accuracy:.4f} val_accuracy={val_accuracy:.4f}")
