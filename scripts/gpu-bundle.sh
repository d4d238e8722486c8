#!/usr/bin/env bash
# Builds .build/dlbench-gpu-bundle.tar.xz: dlbench (release, static Swift runtime), the OpenCL checks (the
# OpenCLRuntimeTests and OpenCLEngineTests classes of the test bundle), the shared libraries both need, and
# run.sh — for a Linux machine with an NVIDIA (or other OpenCL) GPU and no Swift toolchain. See docs/gpu.md.
#
# Usage: scripts/gpu-bundle.sh [--skip-build]   (--skip-build packages the binaries already built)
# Environment: DLBENCH_SCRATCH — the SwiftPM scratch folder to build in and package from (default .build).
# Build on a distribution no newer than the target's (glibc is not bundled; the target's must be as new).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch="${DLBENCH_SCRATCH:-.build}"
skip_build=false
[[ "${1:-}" == "--skip-build" ]] && skip_build=true

if ! $skip_build; then
    # The CLI fully static in the Swift runtime; the tests can't be (XCTest is a shared library), so the
    # bundle carries the toolchain's runtime libraries for them.
    swift build -c release --static-swift-stdlib --product dlbench --scratch-path "$scratch"
    swift build --build-tests --scratch-path "$scratch"
fi
cli="$root/$scratch/release/dlbench"
tests="$root/$scratch/debug/dlbenchPackageTests.xctest"
for binary in "$cli" "$tests"; do
    [[ -x "$binary" ]] || { echo "gpu-bundle: missing $binary (run without --skip-build)" >&2; exit 1; }
done

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
bundle="$stage/dlbench-gpu"
mkdir -p "$bundle/bin" "$bundle/lib" "$bundle/protocols"
cp "$cli" "$tests" "$bundle/bin/"
cp Protocols/*.json "$bundle/protocols/"
cp docs/gpu.md "$bundle/README.md"
cp scripts/gpu-run.sh "$bundle/run.sh"
chmod +x "$bundle/run.sh"

# Every shared library the binaries resolve, except glibc's own (libc, libm, libdl, libpthread, librt, the
# dynamic loader), which must come from the target system. This picks up libopenblas (+ libgfortran,
# libquadmath), libOpenCL (the ICD loader), libsqlite3, libstdc++/libgcc_s and the Swift runtime for the tests.
for binary in "$cli" "$tests"; do
    ldd "$binary" | awk '$3 ~ /^\// { print $1, $3 }'
done | sort -u | while read -r name path; do
    case "$name" in
        libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux*) continue ;;
    esac
    cp -L "$path" "$bundle/lib/$name"
done
# Debug symbols are most of the size; the checks and the CLI run the same without them.
if command -v strip >/dev/null; then
    strip "$bundle/bin/"* 2>/dev/null || true
    strip --strip-unneeded "$bundle/lib/"*.so* 2>/dev/null || true
fi
# The ICD loader must be present: without it the binaries cannot start.
[[ -e "$bundle/lib/libOpenCL.so.1" ]] || { echo "gpu-bundle: libOpenCL.so.1 was not found by ldd" >&2; exit 1; }

{
    echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -srm)"
    echo "git $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (dirty)')"
    echo "glibc $(ldd --version | head -1)"
    echo "libraries: $(ls "$bundle/lib" | tr '\n' ' ')"
} > "$bundle/BUILD-INFO"

mkdir -p .build
# xz keeps the bundle under the 64 MiB a device transfer allows (gzip does not).
tar -C "$stage" -cJf .build/dlbench-gpu-bundle.tar.xz dlbench-gpu
echo ".build/dlbench-gpu-bundle.tar.xz ($(du -h .build/dlbench-gpu-bundle.tar.xz | cut -f1)): copy it to the GPU machine, then"
echo "  tar xJf dlbench-gpu-bundle.tar.xz && dlbench-gpu/run.sh"
