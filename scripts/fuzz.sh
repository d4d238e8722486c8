#!/usr/bin/env bash
# Fuzzes the data loaders (IDX, NPY, CSV, safetensors, gzip) and the protocol decoder with libFuzzer and
# AddressSanitizer, each target for a fixed time from small valid seeds (Fuzz/seeds.py) plus the corpus kept
# in .build-fuzz/corpus/<target> from earlier runs. Exits non-zero when any target crashes, traps, leaks
# past the memory limit or hangs; the input that did it is in .build-fuzz/artifacts/<target>-*.
# The harnesses (Fuzz/*.swift) are compiled with swiftc straight against the module sources, so no SwiftPM
# build ever gains sanitizer flags.
#
# Usage: scripts/fuzz.sh [seconds-per-target] [target ...]    (default 60 s; targets idx npy csv safetensors gzip protocol)
# Reproduce one input: DLBENCH_FUZZ_TARGET=idx ASAN_OPTIONS=symbolize=1 .build-fuzz/fuzz-datasets <file>
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(idx npy csv safetensors gzip protocol)
out=.build-fuzz
mkdir -p "$out/corpus" "$out/artifacts" "$out/logs"

build() {  # build <binary> <module> <harness> <sources...>
    local binary=$1 module=$2 harness=$3
    shift 3
    echo "building $binary"
    # ld.gold warns once per ASan symbol it cannot export; only real errors are shown.
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name "$module" "$@" "$harness" \
        -o "$out/$binary" > "$out/logs/build-$binary.log" 2>&1; then
        grep -v "Cannot export local symbol" "$out/logs/build-$binary.log" >&2
        exit 1
    fi
}
# Datasets imports CZlib (zlib's inflate): its module map and the library.
build fuzz-datasets Datasets Fuzz/DatasetsFuzz.swift -I Sources/CZlib -lz Sources/Datasets/*.swift
if [[ " ${targets[*]} " == *" protocol "* ]]; then
    build fuzz-protocol ProtocolModel Fuzz/ProtocolFuzz.swift Sources/ProtocolModel/*.swift
fi
rm -rf "$out/seeds"
python3 Fuzz/seeds.py "$out/seeds"

# symbolize=0: symbolising a crash report can hang; reproduce with symbolize=1 to read the stack.
export ASAN_OPTIONS=symbolize=0:detect_leaks=0:allocator_may_return_null=0
failed=()
for target in "${targets[@]}"; do
    binary=$out/fuzz-datasets
    [ "$target" = protocol ] && binary=$out/fuzz-protocol
    mkdir -p "$out/corpus/$target"
    echo "fuzzing $target for ${seconds}s"
    if DLBENCH_FUZZ_TARGET=$target "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" "$out/corpus/$target" "$out/seeds/$target" \
        > "$out/logs/$target.log" 2>&1; then
        grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/logs/$target.log" | sed "s/^/  $target: /"
    else
        echo "  $target: FAILED — see $out/logs/$target.log and $out/artifacts/$target-*" >&2
        grep -E "==ERROR|Fatal error|SUMMARY|Test unit written" "$out/logs/$target.log" | head -5 | sed "s/^/  /" >&2
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found failures in: ${failed[*]}" >&2
    exit 1
fi
echo "no crashes in ${targets[*]} (${seconds}s each)"
