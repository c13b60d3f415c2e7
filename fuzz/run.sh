#!/usr/bin/env bash
# Builds a libFuzzer target and runs it for a number of minutes.
#
# Usage: fuzz/run.sh TARGET MINUTES [more libFuzzer flags]
#
# A target is one harness file, fuzz/TARGET.swift, exporting LLVMFuzzerTestOneInput. Its header
# lines say what it needs:
#   // fuzz-sources: Sources/PromQL [Sources/Other ...]   modules it imports, built in this order
#   // fuzz-seeds: PATH.json KEY                          seed inputs: the KEY field of each entry
#   // fuzz-dict: fuzz/TARGET.dict                        optional libFuzzer dictionary
#
# Every source directory is compiled by swiftc (no SwiftPM) into a module of the same name, with
# -sanitize=fuzzer,address -O; the harness is linked against them. The working corpus and logs go
# to fuzz/out/TARGET/ (not committed); inputs that crash or hang are saved to
# fuzz/crashers/TARGET/ (commit them with the fix, as regression inputs). Leak detection is off
# unless ASAN_OPTIONS says otherwise (the Swift runtime keeps caches that LeakSanitizer reports).
# Exit status: 0 when the time ran out without a finding, 1 on a finding, 2 on a build error.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?usage: fuzz/run.sh TARGET MINUTES}
minutes=${2:?usage: fuzz/run.sh TARGET MINUTES}
shift 2
harness="$root/fuzz/$target.swift"
if [ ! -f "$harness" ]; then
    echo "fuzz/run.sh: no harness fuzz/$target.swift" >&2
    exit 2
fi
case "$minutes" in
    '' | *[!0-9]*) echo "fuzz/run.sh: MINUTES must be a whole number, got '$minutes'" >&2; exit 2 ;;
esac

header() { sed -n "s|^// $1: ||p" "$harness" | head -n 1; }
sources=$(header fuzz-sources)
seeds=$(header fuzz-seeds)
dict=$(header fuzz-dict)

out="$root/fuzz/out/$target"
crashers="$root/fuzz/crashers/$target"
rm -rf "$out/modules" "$out/seeds"
mkdir -p "$out/modules" "$out/corpus" "$out/seeds" "$crashers"
flags=(-sanitize=fuzzer,address -parse-as-library -O -I "$out/modules")

objects=()
for dir in $sources; do
    module=$(basename "$dir")
    echo "fuzz/run.sh: compiling $dir as module $module" >&2
    files=("$root/$dir"/*.swift)
    if ! swiftc "${flags[@]}" -wmo -c -module-name "$module" \
        -emit-module -emit-module-path "$out/modules/$module.swiftmodule" \
        "${files[@]}" -o "$out/modules/$module.o" 2>"$out/build.log"; then
        tail -n 40 "$out/build.log" >&2
        exit 2
    fi
    objects+=("$out/modules/$module.o")
done
echo "fuzz/run.sh: linking fuzz/$target.swift" >&2
if ! swiftc "${flags[@]}" -module-name "${target}_fuzz" "$harness" "${objects[@]}" \
    -o "$out/fuzzer" 2>"$out/build.log"; then
    tail -n 40 "$out/build.log" >&2
    exit 2
fi

if [ -n "$seeds" ]; then
    # shellcheck disable=SC2086
    python3 "$root/fuzz/seeds.py" $seeds "$out/seeds"
fi
dict_flag=()
if [ -n "$dict" ]; then dict_flag=(-dict="$root/$dict"); fi

echo "fuzz/run.sh: fuzzing $target for $minutes minute(s); findings go to fuzz/crashers/$target/" >&2
status=0
# Swift's own crash backtracer would wait on the dead process; ASan prints the stack instead.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$out/fuzzer" \
    -max_total_time=$((minutes * 60)) \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -max_len=8192 \
    -print_final_stats=1 \
    -artifact_prefix="$crashers/" \
    "${dict_flag[@]}" "$@" \
    "$out/corpus" "$out/seeds" 2>&1 | tee "$out/fuzz.log" || status=$?
if grep -q '^==[0-9]*== ERROR\|^SUMMARY: \|Test unit written to' "$out/fuzz.log"; then
    echo "fuzz/run.sh: a finding was saved under fuzz/crashers/$target/" >&2
    exit 1
fi
exit "$status"
