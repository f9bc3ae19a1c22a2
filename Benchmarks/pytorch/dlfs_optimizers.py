#!/usr/bin/env python3
"""The DLFS optimizer comparison on Fashion-MNIST, in PyTorch on the CPU, as a second
reference for `engine-bench`.

The same workload as Benchmarks/numpy/dlfs_optimizers.py, written the way a PyTorch
user writes it: an `nn.Sequential` of `nn.Linear` and `nn.ReLU`, `F.cross_entropy`,
and the optimizers of `torch.optim` with their default implementation, float32
throughout, 2 intra-op threads (`--threads`). Workload: 784-100-100-100-100-10,
ReLU, He initialisation (std sqrt(2/n_in), biases zero), batches of 128 drawn with
replacement from the 60,000 training images, 2,000 updates per optimizer.

The optimizers are DLFS's: SGD 0.01; momentum 0.01/0.9 (PyTorch's v ← μv + g,
W ← W − ηv is DLFS's v ← μv − ηg, W ← W + v with v scaled by −η); AdaGrad 0.01 with
ε = 1e-7 and a zero start; Adam 0.001 with ε = 1e-7 (PyTorch adds ε to the
bias-corrected √v̂ where DLFS adds it to √v, a difference only while v is near ε).

One JSON line per optimizer, like the NumPy script and engine-bench:

    {"run": "SGD", "seconds": <training loop only>, "final_loss": <last minibatch
     loss>, "test_acc": <accuracy on the 10,000 test images>, "cpu_seconds": ...}

Usage: dlfs_optimizers.py [--dir DIR] [--updates N] [--seed S] [--only NAME] [--threads N]
Needs `pip install torch` (the CPU build is enough).
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def load_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        sys.exit(f"dataset file not found: {path} "
                 "(install it with `sudo apt-get install dataset-fashion-mnist`)")
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load_fashion_mnist(directory):
    def part(prefix):
        x = load_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz"))
        t = load_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz"))
        x = torch.from_numpy(x.reshape(x.shape[0], -1).astype(np.float32) / 255.0)
        return x, torch.from_numpy(t.astype(np.int64))
    return part("train"), part("t10k")


def network(seed):
    generator = torch.Generator().manual_seed(seed)
    sizes = [784, 100, 100, 100, 100, 10]
    layers = []
    for i in range(1, len(sizes)):
        linear = nn.Linear(sizes[i - 1], sizes[i])
        with torch.no_grad():
            linear.weight.normal_(0, (2.0 / sizes[i - 1]) ** 0.5, generator=generator)
            linear.bias.zero_()
        layers += [linear, nn.ReLU()]
    return nn.Sequential(*layers[:-1])


OPTIMIZERS = {
    "SGD": lambda p: torch.optim.SGD(p, lr=0.01),
    "Momentum": lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9),
    "AdaGrad": lambda p: torch.optim.Adagrad(p, lr=0.01, eps=1e-7),
    "Adam": lambda p: torch.optim.Adam(p, lr=0.001, betas=(0.9, 0.999), eps=1e-7),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default=os.environ.get(
        "FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", default=None, help="run one optimizer (SGD, Momentum, AdaGrad, Adam)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    (x_train, t_train), (x_test, t_test) = load_fashion_mnist(args.dir)
    for name, make in OPTIMIZERS.items():
        if args.only and name.lower() != args.only.lower():
            continue
        model = network(args.seed)
        optimizer = make(model.parameters())
        generator = torch.Generator().manual_seed(args.seed)
        loss = torch.tensor(float("nan"))
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(args.updates):
            batch = torch.randint(0, x_train.shape[0], (args.batch,), generator=generator)
            loss = F.cross_entropy(model(x_train[batch]), t_train[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        with torch.no_grad():
            accuracy = (model(x_test).argmax(dim=1) == t_test).float().mean().item()
        print(json.dumps({"run": name, "seconds": round(seconds, 3), "final_loss": round(loss.item(), 4),
                          "test_acc": round(accuracy, 4), "cpu_seconds": round(cpu_seconds, 3)}), flush=True)


if __name__ == "__main__":
    main()
