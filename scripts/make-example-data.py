"""Writes the example data sets as plain CSV from the copies Debian's python3-sklearn ships.

Run once (apt-get install python3-sklearn; /usr/bin/python3 scripts/make-example-data.py); the CSV
files are committed, so users and tests never need scikit-learn. Sources and licences:
examples/DATA.md.
"""
import csv
import gzip
import os

SRC = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
ROOT = os.path.join(os.path.dirname(__file__), "..", "examples")


def write(path, header, rows):
    with open(os.path.join(ROOT, path), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        out.writerows(rows)


def iris():
    with open(os.path.join(SRC, "iris.csv")) as f:
        lines = list(csv.reader(f))
    names = lines[0][2:]
    rows = [r[:4] + [names[int(r[4])]] for r in lines[1:]]
    write("iris/data/iris.csv", ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], rows)


def digits():
    with gzip.open(os.path.join(SRC, "digits.csv.gz"), "rt") as f:
        rows = [[str(int(float(v))) for v in r] for r in csv.reader(f)]
    write("digits/data/digits.csv", [f"p{i}" for i in range(64)] + ["digit"], rows)


def diabetes():
    with gzip.open(os.path.join(SRC, "diabetes_data_raw.csv.gz"), "rt") as f:
        features = [line.split() for line in f if line.strip()]
    with gzip.open(os.path.join(SRC, "diabetes_target.csv.gz"), "rt") as f:
        target = [str(int(float(line))) for line in f if line.strip()]
    header = ["age", "sex", "bmi", "bp", "tc", "ldl", "hdl", "tch", "ltg", "glu", "progression"]
    write("diabetes/data/diabetes.csv", header, [r + [t] for r, t in zip(features, target)])


if __name__ == "__main__":
    iris()
    digits()
    diabetes()
