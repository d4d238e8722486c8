#!/usr/bin/env bash
# run.sh of the GPU bundle (scripts/gpu-bundle.sh copies it in): points the bundled OpenCL ICD loader at the
# vendor driver, runs the OpenCL runtime and engine checks on the GPU, then a protocol. Exit status: that of the first failure.
#
# Usage: ./run.sh [PROTOCOL.json]      default protocols/quickstart-gpu.json (eager vs opencl on the quickstart MLPs)
#        environment: DLBENCH_OPENCL_DEVICE (default "gpu"; e.g. "gpu:H100", "any")
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DLBENCH_OPENCL_DEVICE="${DLBENCH_OPENCL_DEVICE:-gpu}"

# The ICD loader reads /etc/OpenCL/vendors/*.icd (or the directory OCL_ICD_VENDORS names). NVIDIA's driver
# ships libnvidia-opencl.so.1 but containers often lack its nvidia.icd (seen on an H200 container: only pocl.icd):
# then build a vendors directory beside us holding the system's .icd files plus one naming NVIDIA's library.
if [[ -z "${OCL_ICD_VENDORS:-}" ]] && ! grep -qs nvidia /etc/OpenCL/vendors/*.icd; then
    vendor=$(ldconfig -p 2>/dev/null | awk '/libnvidia-opencl\.so\.1 / { print $NF; exit }')
    if [[ -n "$vendor" ]]; then
        mkdir -p "$here/vendors"
        cp /etc/OpenCL/vendors/*.icd "$here/vendors/" 2>/dev/null || true
        echo "$vendor" > "$here/vendors/nvidia.icd"
        export OCL_ICD_VENDORS="$here/vendors"
        echo "run.sh: /etc/OpenCL/vendors has no NVIDIA entry; using $here/vendors (nvidia.icd → $vendor)"
    else
        echo "run.sh: no NVIDIA OpenCL driver found (no nvidia .icd, no libnvidia-opencl.so.1 in ldconfig)." >&2
        echo "        Install the driver's OpenCL part (e.g. libnvidia-compute-<version>) or set OCL_ICD_VENDORS." >&2
    fi
fi

echo "== environment"
cat "$here/BUILD-INFO"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "(no nvidia-smi)"
command -v clinfo >/dev/null && clinfo -l

status=0
echo "== OpenCL runtime and engine checks on DLBENCH_OPENCL_DEVICE=$DLBENCH_OPENCL_DEVICE"
# XCTest on Linux filters by Module.Class; these are the OpenCLRuntimeTests and OpenCLEngineTests classes (the
# engine's equivalence with eager on every model family, device accounting, and the device fallback rules).
classes=$("$here/bin/dlbenchPackageTests.xctest" --list-tests 2>/dev/null \
    | grep -oE '^OpenCL(Runtime|Engine)Tests\.[A-Za-z]*' | sort -u | paste -sd, -)
if [[ -z "$classes" ]]; then
    echo "run.sh: could not list the OpenCL test classes" >&2
    status=1
else
    "$here/bin/dlbenchPackageTests.xctest" "$classes" 2>&1 | tee "$here/opencl-checks.log"
    status=${PIPESTATUS[0]}
    # Without the requested device every check skips, which XCTest counts as success: make that a failure here.
    if grep -q "no OpenCL .* device" "$here/opencl-checks.log"; then
        echo "run.sh: the OpenCL checks were skipped: no device matched DLBENCH_OPENCL_DEVICE=$DLBENCH_OPENCL_DEVICE" >&2
        [[ $status -eq 0 ]] && status=2
    fi
fi

protocol="${1:-$here/protocols/quickstart-gpu.json}"
echo "== protocol $protocol"
"$here/bin/dlbench" run "$protocol" --db "$here/results.sqlite" || { [[ $status -eq 0 ]] && status=$?; }
"$here/bin/dlbench" report --db "$here/results.sqlite" || true
echo "== results in $here/results.sqlite (status $status)"
exit $status
