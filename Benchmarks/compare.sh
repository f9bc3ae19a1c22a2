#!/usr/bin/env bash
# The DLFS optimizer comparison, NumPy reference against engine-bench, side by side.
#
# Optimizers alternate between the two programs (NumPy SGD, Swift SGD, NumPy Momentum,
# ...) so both see the same machine load; each pair is printed with the time ratio
# swift/numpy and the accuracy difference. The target is a ratio ≤ 0.4 with test
# accuracy within ±0.03.
#
# "ratio" compares wall-clock seconds of the training loops, "cpu ratio" their CPU
# time (all threads), which a busy machine disturbs less.
#
# Usage: Benchmarks/compare.sh [ROUNDS]
# Environment: FASHION_MNIST_DIR; OPENBLAS_NUM_THREADS for NumPy (unset: OpenBLAS's
# default, all cores); BENCH_FLAGS for engine-bench (e.g. "--threads 2"; default:
# it measures whether 1 or all cores is faster).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-1}

swift build -c release --product engine-bench >&2
bench="$(swift build -c release --show-bin-path)/engine-bench"
python3 -c 'import numpy' 2>/dev/null || { echo "numpy is missing: pip install numpy" >&2; exit 1; }

results=$(mktemp)
trap 'rm -f "$results"' EXIT
for round in $(seq "$rounds"); do
    for run in SGD Momentum AdaGrad Adam; do
        numpy_line=$(python3 Benchmarks/numpy/dlfs_optimizers.py --only "$run")
        swift_line=$("$bench" --only "$run" ${BENCH_FLAGS:-} 2>/dev/null)
        echo "numpy $numpy_line"
        echo "swift $swift_line"
        echo "$numpy_line|$swift_line" >> "$results"
    done
done

python3 - "$results" <<'PY'
import json, sys
rows = [tuple(json.loads(part) for part in line.strip().split("|")) for line in open(sys.argv[1])]
print(f"\n{'run':<10}{'numpy s':>9}{'swift s':>9}{'ratio':>7}{'cpu ratio':>10}"
      f"{'numpy acc':>11}{'swift acc':>11}{'numpy loss':>12}{'swift loss':>12}")
total_n = total_s = cpu_n = cpu_s = 0.0
for n, s in rows:
    total_n += n["seconds"]; total_s += s["seconds"]
    cpu_n += n["cpu_seconds"]; cpu_s += s["cpu_seconds"]
    print(f"{n['run']:<10}{n['seconds']:>9.2f}{s['seconds']:>9.2f}{s['seconds'] / n['seconds']:>7.2f}"
          f"{s['cpu_seconds'] / n['cpu_seconds']:>10.2f}"
          f"{n['test_acc']:>11.4f}{s['test_acc']:>11.4f}{n['final_loss']:>12.4f}{s['final_loss']:>12.4f}")
print(f"{'total':<10}{total_n:>9.2f}{total_s:>9.2f}{total_s / total_n:>7.2f}{cpu_s / cpu_n:>10.2f}")
worst = max(abs(n["test_acc"] - s["test_acc"]) for n, s in rows)
print(f"largest accuracy difference: {worst:.4f} (target ≤ 0.03); time ratio target ≤ 0.40")
PY
