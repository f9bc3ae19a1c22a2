#!/usr/bin/env python3
"""The DLFS optimizer comparison on Fashion-MNIST, in NumPy, as the reference for
`engine-bench`.

Written for this project in the style of *Deep Learning from Scratch* (chapter 6,
`optimizer_compare_mnist.py`): layer classes with forward/backward, an OrderedDict of
layers, optimizer classes updating a dict of parameters in place, float64 parameters
as NumPy gives them. Workload: 784-100-100-100-100-10, ReLU, He initialisation,
batches of 128 drawn with replacement from the 60,000 training images, 2,000 updates
per optimizer. One JSON line per optimizer:

    {"run": "SGD", "seconds": <training loop only>, "final_loss": <last minibatch
     loss>, "test_acc": <accuracy on the 10,000 test images>}

One difference from the DLFS script, kept identical in engine-bench: the minibatch
loss recorded is the one computed by the forward pass of the gradient, not a second
forward pass after the update.

Usage: dlfs_optimizers.py [--dir DIR] [--updates N] [--seed S] [--only NAME]
"""
import argparse
import gzip
import json
import os
import sys
import time
from collections import OrderedDict

import numpy as np


# ---------------------------------------------------------------- data

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
        x = x.reshape(x.shape[0], -1).astype(np.float32) / 255.0
        return x, t.astype(np.int64)
    return part("train"), part("t10k")


# ---------------------------------------------------------------- functions

def softmax(x):
    x = x - x.max(axis=1, keepdims=True)
    y = np.exp(x)
    return y / y.sum(axis=1, keepdims=True)


def cross_entropy_error(y, t):
    batch_size = y.shape[0]
    return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size


# ---------------------------------------------------------------- layers

class Relu:
    def __init__(self):
        self.mask = None

    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dout[self.mask] = 0
        return dout


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b
        self.x = None
        self.dW = self.db = None

    def forward(self, x):
        self.x = x
        return np.dot(x, self.W) + self.b

    def backward(self, dout):
        dx = np.dot(dout, self.W.T)
        self.dW = np.dot(self.x.T, dout)
        self.db = np.sum(dout, axis=0)
        return dx


class SoftmaxWithLoss:
    def __init__(self):
        self.y = self.t = None

    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        return cross_entropy_error(self.y, t)

    def backward(self, dout=1):
        batch_size = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(batch_size), self.t] -= 1
        return dx * dout / batch_size


# ---------------------------------------------------------------- network

class MultiLayerNet:
    """Affine-ReLU blocks, a last Affine layer and softmax with cross-entropy.
    Weights He-initialised (std sqrt(2/n_in)), biases zero."""

    def __init__(self, input_size, hidden_size_list, output_size, rng):
        sizes = [input_size] + hidden_size_list + [output_size]
        self.params = {}
        for i in range(1, len(sizes)):
            scale = np.sqrt(2.0 / sizes[i - 1])
            self.params[f"W{i}"] = scale * rng.standard_normal((sizes[i - 1], sizes[i]))
            self.params[f"b{i}"] = np.zeros(sizes[i])
        self.layers = OrderedDict()
        n = len(sizes) - 1
        for i in range(1, n):
            self.layers[f"Affine{i}"] = Affine(self.params[f"W{i}"], self.params[f"b{i}"])
            self.layers[f"Relu{i}"] = Relu()
        self.layers[f"Affine{n}"] = Affine(self.params[f"W{n}"], self.params[f"b{n}"])
        self.last_layer = SoftmaxWithLoss()
        self.n_affine = n

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        return float(np.mean(np.argmax(self.predict(x), axis=1) == t))

    def gradient(self, x, t):
        loss = self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        grads = {}
        for i in range(1, self.n_affine + 1):
            grads[f"W{i}"] = self.layers[f"Affine{i}"].dW
            grads[f"b{i}"] = self.layers[f"Affine{i}"].db
        return grads, loss


# ---------------------------------------------------------------- optimizers

class SGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class Momentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum, self.v = lr, momentum, None

    def update(self, params, grads):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class AdaGrad:
    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class Adam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter, self.m, self.v = 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


# ---------------------------------------------------------------- experiment

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", default=os.environ.get(
        "FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--updates", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", default=None, help="run one optimizer (SGD, Momentum, AdaGrad, Adam)")
    args = parser.parse_args()

    (x_train, t_train), (x_test, t_test) = load_fashion_mnist(args.dir)
    optimizers = OrderedDict(SGD=lambda: SGD(lr=0.01), Momentum=lambda: Momentum(lr=0.01),
                             AdaGrad=lambda: AdaGrad(lr=0.01), Adam=lambda: Adam(lr=0.001))
    for name, make in optimizers.items():
        if args.only and name.lower() != args.only.lower():
            continue
        rng = np.random.default_rng(args.seed)
        network = MultiLayerNet(784, [100, 100, 100, 100], 10, rng)
        optimizer = make()
        loss = float("nan")
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(args.updates):
            batch_mask = rng.choice(x_train.shape[0], args.batch)
            grads, loss = network.gradient(x_train[batch_mask], t_train[batch_mask])
            optimizer.update(network.params, grads)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        print(json.dumps({"run": name, "seconds": round(seconds, 3), "final_loss": round(float(loss), 4),
                          "test_acc": round(network.accuracy(x_test, t_test), 4),
                          "cpu_seconds": round(cpu_seconds, 3)}), flush=True)


if __name__ == "__main__":
    main()
