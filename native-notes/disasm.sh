#!/usr/bin/env bash
# Disassembles what C2 made of one method, without an hsdis plugin that decodes AVX-512.
#   native-notes/disasm.sh METHOD [phaseflow command and options]
#   e.g. native-notes/disasm.sh 'org.phaseflow.kernel.VectorKernels::affineOnes' sample --dim 100000 --particles 40 --steps 200 --threads 1
# Runs the command with -XX:CompileCommand=print,METHOD, takes the last C2 (tier 4) compilation of
# METHOD that is not an on-stack replacement, turns the JIT's raw code bytes back into binary and
# disassembles them with binutils' objdump. Prints the listing, then a count of the instructions that
# matter for the notes (zmm width, FMA, divisions, masked ops, calls) and the innermost loops.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
method="${1:?usage: disasm.sh METHOD [phaseflow args...]}"
shift
(( $# )) || set -- sample --dim 100000 --particles 40 --steps 200 --threads 1
command -v objdump >/dev/null || { echo "disasm.sh: needs binutils' objdump" >&2; exit 127; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

JAVA_OPTS="${JAVA_OPTS:-} -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=quiet -XX:CompileCommand=print,$method" \
  "$here/phaseflow" "$@" >"$tmp/print.txt" 2>&1 || true

# The last "Compiled method (c2) ... METHOD (" block that is not OSR ("%"), from [MachCode] to [/MachCode].
awk -v m="${method##*.}" '
  /^Compiled method \(c2\)/ { keep = (index($0, m " (") > 0 && $0 !~ / % /); if (keep) { n++; buf[n] = ""; hdr[n] = $0 } }
  keep && /^\[MachCode\]/ { inside = 1; next }
  keep && /^\[\/MachCode\]/ { inside = 0; keep = 0; next }
  keep && inside { buf[n] = buf[n] $0 "\n" }
  END { if (n == 0) exit 1; printf "%s\n", hdr[n] > "/dev/stderr"; printf "%s", buf[n] }
' "$tmp/print.txt" >"$tmp/code.txt" 2>"$tmp/header.txt" || {
  echo "disasm.sh: no C2 compilation of $method in the run (run longer, or check the name)" >&2; exit 1; }
cat "$tmp/header.txt" >&2

# Lines look like "  0x00007f...: 660f 1f84 | 0000 0000 | ..."; comment lines ("0x...: ;  {...}") carry no bytes.
start=$(awk '/^  0x[0-9a-f]+: [0-9a-f]/ { sub(":", "", $1); print $1; exit }' "$tmp/code.txt")
awk '/^  0x[0-9a-f]+: [0-9a-f]/ { $1 = ""; gsub(/[ |]/, ""); printf "%s", $0 }' "$tmp/code.txt" | xxd -r -p >"$tmp/code.bin"
objdump -D -b binary -m i386:x86-64 --adjust-vma="$start" "$tmp/code.bin" | tail -n +8 >"$tmp/listing.txt"
cat "$tmp/listing.txt"

echo
echo "== summary of $method ($(wc -c <"$tmp/code.bin") bytes of code) =="
count() { grep -cE "$1" "$tmp/listing.txt" || true; }
echo "instructions on zmm registers:       $(count 'zmm')"
echo "  vfmadd/vfmsub/vfnmadd (FMA):       $(count 'vf(n?)m(add|sub)[0-9]+ps.*zmm')"
echo "  vdivps zmm:                        $(count 'vdivps.*zmm')"
echo "  masked ({k1..k7}):                 $(count '\{%k[1-7]\}')"
echo "  vmovups/vmovdqu32 loads+stores:    $(count 'vmov(ups|dqu32|aps).*zmm')"
echo "scalar single-precision (ss) ops:     $(count '[a-z]ss[ 	]')"
echo "calls:                               $(count 'call')"
echo "loops (one per backward jump, innermost first) that do vector FMAs or divisions:"
echo "  instrs  on zmm  FMA+vdivps  vbroadcast  on the stack (rsp)"
awk -F'\t' '
  /^ *[0-9a-f]+:\t/ && $3 != "" {
    a = $1; sub(/^ */, "", a); sub(/:$/, "", a); n++; ins[n] = $3; at[a] = n
    if ($3 ~ /^j[a-z]+ +0x[0-9a-f]+/) { t = $3; sub(/^j[a-z]+ +0x/, "", t); sub(/[^0-9a-f].*/, "", t); if (t in at) loop[++L] = at[t] " " n }
  }
  END {
    for (k = 1; k <= L; k++) {
      split(loop[k], p, " "); z = 0; b = 0; s = 0; f = 0
      for (i = p[1]; i <= p[2]; i++) {
        if (ins[i] ~ /zmm/) z++; if (ins[i] ~ /vbroadcast/) b++; if (ins[i] ~ /rsp/) s++
        if (ins[i] ~ /vf(n?)m(add|sub)[0-9]+ps.*zmm|vdivps.*zmm/) f++
      }
      if (f > 0) printf "  %6d  %6d  %10d  %10d  %12d\n", p[2] - p[1] + 1, z, f, b, s
    }
  }' "$tmp/listing.txt" | sort -n -k1,1 | head -n 6
echo "call targets named by the JIT (count, target):"
grep -oE '\{(runtime_call|static_call|optimized virtual_call|virtual_call)[^}]*\}' "$tmp/code.txt" | sort | uniq -c | sort -rn | sed 's/^/  /' || true
