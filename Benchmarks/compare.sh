#!/usr/bin/env bash
# The DLFS optimizer comparison: engine-bench against the NumPy reference and the
# PyTorch version, side by side.
#
# For each round and each optimizer the three programs run one after the other
# (engine, NumPy, PyTorch), so all see the same machine load; the table shows for
# each program the minimum over the rounds of the training loop's wall-clock
# seconds, the ratios engine/NumPy and engine/PyTorch of those minima, and the test
# accuracies. The targets: both ratios ≤ 0.5, accuracies within ±0.03.
#
# Usage: Benchmarks/compare.sh [ROUNDS]   (default 3)
# Environment: FASHION_MNIST_DIR; BENCH_FLAGS for engine-bench (e.g. "--parts 2
# --threads 2", its defaults); NUMPY_FLAGS, TORCH_FLAGS for the Python scripts
# (PyTorch's default is --threads 2); OPENBLAS_NUM_THREADS for NumPy's OpenBLAS
# (unset: all cores; on a busy machine 1 is NumPy's fastest, by far). PyTorch is
# skipped when `import torch` fails (pip install torch; the CPU build is enough).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}

swift build -c release --product engine-bench >&2
bench="$(swift build -c release --show-bin-path)/engine-bench"
python3 -c 'import numpy' 2>/dev/null || { echo "numpy is missing: pip install numpy" >&2; exit 1; }
programs="engine numpy"
if python3 -c 'import torch' 2>/dev/null; then programs="$programs pytorch"
else echo "PyTorch is missing (pip install torch): comparing with NumPy only" >&2; fi

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq "$rounds"); do
    for run in SGD Momentum AdaGrad Adam; do
        for program in $programs; do
            case $program in
                engine) line=$("$bench" --only "$run" ${BENCH_FLAGS:-} 2>/dev/null) ;;
                numpy) line=$(python3 Benchmarks/numpy/dlfs_optimizers.py --only "$run" ${NUMPY_FLAGS:-}) ;;
                pytorch) line=$(python3 Benchmarks/pytorch/dlfs_optimizers.py --only "$run" ${TORCH_FLAGS:-}) ;;
            esac
            echo "round $round $program $line" >&2
            echo "$program $line" >> "$results"
        done
    done
done

python3 - "$results" "$rounds" <<'PY'
import json, sys
best = {}
for line in open(sys.argv[1]):
    program, record = line.split(" ", 1)
    r = json.loads(record)
    key = (program, r["run"])
    if key not in best or r["seconds"] < best[key]["seconds"]:
        best[key] = r
programs = [p for p in ("engine", "numpy", "pytorch") if any(k[0] == p for k in best)]
runs = [r for r in ("SGD", "Momentum", "AdaGrad", "Adam") if ("engine", r) in best]
print(f"\nminimum seconds of {sys.argv[2]} round(s), alternating; accuracy of the fastest run")
header = f"{'run':<10}" + "".join(f"{p + ' s':>11}" for p in programs)
header += "".join(f"{'e/' + p[:5]:>9}" for p in programs[1:])
header += "".join(f"{p[:6] + ' acc':>12}" for p in programs)
print(header)
worst_ratio = 0.0
worst_acc = 0.0
for run in runs:
    e = best[("engine", run)]
    line = f"{run:<10}" + "".join(f"{best[(p, run)]['seconds']:>11.3f}" for p in programs)
    for p in programs[1:]:
        ratio = e["seconds"] / best[(p, run)]["seconds"]
        worst_ratio = max(worst_ratio, ratio)
        line += f"{ratio:>9.2f}"
    line += "".join(f"{best[(p, run)]['test_acc']:>12.4f}" for p in programs)
    worst_acc = max([worst_acc] + [abs(e["test_acc"] - best[(p, run)]["test_acc"]) for p in programs[1:]])
    print(line)
print(f"largest time ratio engine/peer: {worst_ratio:.2f} (target ≤ 0.50); "
      f"largest accuracy difference: {worst_acc:.4f} (target ≤ 0.03)")
PY
