#!/usr/bin/python3
"""The PyTorch side of the trainer benchmark (bench/train.mjs runs it; Debian's python3-torch).

The same network, data, batch size, optimizer and epochs as Tuneboard's trainer, with its loop:
a fresh model per run, a seeded shuffle each epoch, per-batch sums of the loss and correct
predictions kept on the device and read once per epoch, then a validation pass. Prints one JSON
line: the median training samples per second over the repeats (validation included), the same per
CPU second of the process (all threads), and the last run's validation accuracy.

  torch_train.py --data DIR --model mlp --layers 1 --units 128 --epochs 3 --threads 1
  torch_train.py --data DIR --model cnn --input-shape 28,28,1 --conv-blocks 2 --filters 16 --dense 64
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import torch
from torch import nn


def parse():
    p = argparse.ArgumentParser()
    p.add_argument('--data', required=True)
    p.add_argument('--model', choices=['mlp', 'cnn'], required=True)
    p.add_argument('--layers', type=int, default=1)
    p.add_argument('--units', type=int, default=128)
    p.add_argument('--input-shape', default='')
    p.add_argument('--conv-blocks', type=int, default=2)
    p.add_argument('--filters', type=int, default=16)
    p.add_argument('--kernel', type=int, default=3)
    p.add_argument('--dense', type=int, default=64)
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--lr', type=float, default=1e-3)
    p.add_argument('--epochs', type=int, default=3)
    p.add_argument('--repeats', type=int, default=3)
    p.add_argument('--threads', type=int, default=1)
    return p.parse_args()


def load(directory):
    with open(os.path.join(directory, 'data.json')) as f:
        meta = json.load(f)
    read = lambda name: torch.from_numpy(np.fromfile(os.path.join(directory, f'{name}.f32'), dtype='<f4'))
    return meta, read('xTrain'), read('yTrain').long(), read('xVal'), read('yVal').long()


def build(args, features, classes):
    if args.model == 'mlp':
        layers, width = [], features
        for _ in range(args.layers):
            layers += [nn.Linear(width, args.units), nn.ReLU()]
            width = args.units
        return nn.Sequential(*layers, nn.Linear(width, classes))
    h, w, c = (int(v) for v in args.input_shape.split(','))
    layers, channels, spatial = [], c, [h, w]
    for block in range(args.conv_blocks):
        filters = min(1024, args.filters * 2 ** block)
        layers += [nn.Conv2d(channels, filters, args.kernel, padding='same'), nn.ReLU()]
        channels = filters
        # As the trainer: pooling (2, stride 2) only while both sides are at least 2.
        if min(spatial) >= 2:
            layers.append(nn.MaxPool2d(2, 2))
            spatial = [s // 2 for s in spatial]
    layers.append(nn.Flatten())
    width = channels * spatial[0] * spatial[1]
    if args.dense > 0:
        layers += [nn.Linear(width, args.dense), nn.ReLU()]
        width = args.dense
    return nn.Sequential(*layers, nn.Linear(width, classes))


def shaped(args, x, count):
    if args.model == 'mlp':
        return x.view(count, -1)
    h, w, c = (int(v) for v in args.input_shape.split(','))
    # The trainer's rows are channels-last (h, w, c); PyTorch convolves channels-first.
    return x.view(count, h, w, c).permute(0, 3, 1, 2).contiguous()


def run(args, meta, x, y, xv, yv, epochs, seed):
    torch.manual_seed(seed)
    model = build(args, meta['featureCount'], meta['classes'])
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_sum = nn.CrossEntropyLoss(reduction='sum')
    n = x.shape[0]
    accuracy = float('nan')
    for _ in range(epochs):
        model.train()
        order = torch.randperm(n)
        sums = torch.zeros(2)
        for start in range(0, n, args.batch):
            rows = order[start:start + args.batch]
            xb, yb = x[rows], y[rows]
            logits = model(xb)
            total = loss_sum(logits, yb)
            optimizer.zero_grad(set_to_none=True)
            (total / len(rows)).backward()
            optimizer.step()
            with torch.no_grad():
                sums += torch.stack([total.detach(), (logits.argmax(1) == yb).sum().float()])
        sums.tolist()
        model.eval()
        with torch.no_grad():
            logits = model(xv)
            accuracy = (logits.argmax(1) == yv).float().mean().item()
            loss_sum(logits, yv).item()
    return accuracy


def main():
    args = parse()
    torch.set_num_threads(args.threads)
    meta, x, y, xv, yv = load(args.data)
    x, xv = shaped(args, x, meta['trainCount']), shaped(args, xv, meta['valCount'])
    run(args, meta, x, y, xv, yv, 1, 0)  # warm-up
    rates, cpu_rates = [], []
    accuracy = float('nan')
    for r in range(args.repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        accuracy = run(args, meta, x, y, xv, yv, args.epochs, r + 1)
        samples = meta['trainCount'] * args.epochs
        rates.append(samples / (time.perf_counter() - started))
        cpu_rates.append(samples / (time.process_time() - cpu_started))
    print(json.dumps({'samplesPerSecond': statistics.median(rates), 'samplesPerCpuSecond': statistics.median(cpu_rates), 'valAccuracy': accuracy, 'threads': torch.get_num_threads(), 'torch': torch.__version__}))


if __name__ == '__main__':
    main()
