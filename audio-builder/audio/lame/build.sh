#!/bin/sh
# Rebuilds lame.wasm, the MP3 encoder the audio builder uses when the machine has no ffmpeg
# with libmp3lame (see ../lame-wasm-encoder.ts). The committed lame.wasm is what runs; this
# script is for whoever changes bridge.c or moves to another LAME release.
#
# Needs Debian's clang, lld, wasi-libc and libclang-rt-dev-wasm32, and LAME's source release:
#   sh build.sh lame_3.100.orig.tar.gz      (e.g. from `apt-get source --download-only lame`)
# It checks the tarball against the upstream 3.100 release's SHA-256, so the binary can be
# traced to its source, and it builds the same bytes every time. LAME is LGPL (COPYING here):
# this folder holds what rebuilds it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tarball=${1:?usage: sh build.sh path/to/lame_3.100.orig.tar.gz}
expected=ddfe36cab873794038ae2c1210557ad34857a4b6bdc515785d1da9e175b1da1e
actual=$(sha256sum "$tarball" | cut -d' ' -f1)
[ "$actual" = "$expected" ] || { echo "$tarball is not LAME 3.100 (sha256 $actual)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
src="$work/lame-3.100"
# The encoder only: no decoder (mpglib), frontend or SSE code.
files="bitstream.c encoder.c fft.c gain_analysis.c id3tag.c lame.c newmdct.c presets.c psymodel.c
  quantize.c quantize_pvt.c reservoir.c set_get.c tables.c takehiro.c util.c vbrquantize.c VbrTag.c version.c"
objs=""
for f in $files; do
  clang --target=wasm32-wasi -O3 -DHAVE_CONFIG_H \
    -ffile-prefix-map="$work"=/build -I"$here" -I"$src/include" -I"$src/libmp3lame" -w -c "$src/libmp3lame/$f" -o "$work/${f%.c}.o"
  objs="$objs $work/${f%.c}.o"
done
clang --target=wasm32-wasi -O3 -I"$src/include" -c "$here/bridge.c" -o "$work/bridge.o"
# A reactor module (no main): exports its functions and memory, imports only what wasi-libc's
# startup and stdio need (lame-wasm-encoder.ts answers those).
clang --target=wasm32-wasi -O3 -mexec-model=reactor \
  -Wl,--export=rp_open,--export=rp_alloc,--export=rp_encode,--export=rp_flush,--export=rp_close \
  -Wl,--strip-all -o "$here/lame.wasm" $objs "$work/bridge.o"
echo "wrote $here/lame.wasm ($(wc -c < "$here/lame.wasm") bytes)"
