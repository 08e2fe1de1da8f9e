#!/usr/bin/env bash
# docsift's decoder next to llama.cpp's engine on the same shapes, cores and prompt lengths.
#
#   scripts/bench/llamacpp/run.sh [mississippi|qwen2.5-0.5b] [threads]
#
# Needs: node/npm (the registry), gcc, Debian's python3-numpy, python3-torch and python3-onnx
# (for docsift's random pack), and a built docsift. Everything goes to $WORK (default
# /tmp/docsift-llamacpp-bench); nothing is committed. No timed assertion anywhere: it prints figures.
set -euo pipefail
SHAPE=${1:-mississippi}
THREADS=${2:-2}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=${WORK:-/tmp/docsift-llamacpp-bench}
VERSION=3.21.1
mkdir -p "$WORK"
cd "$WORK"

# llama.cpp: the prebuilt CPU library and, in node-llama-cpp's git bundle, its headers and gguf-py.
if [ ! -d package ]; then
  npm pack "@node-llama-cpp/linux-x64@$VERSION" >/dev/null
  tar xzf "node-llama-cpp-linux-x64-$VERSION.tgz"
fi
if [ ! -d llama.cpp ]; then
  npm pack "node-llama-cpp@$VERSION" >/dev/null
  mkdir -p nlc && tar xzf "node-llama-cpp-$VERSION.tgz" -C nlc
  git clone -q nlc/package/llama/gitRelease.bundle llama.cpp
fi
LIB="$WORK/package/bins/linux-x64"
gcc -O2 -o bench "$ROOT/scripts/bench/llamacpp/bench.c" -I llama.cpp/include \
  -I llama.cpp/ggml/include "$LIB"/libllama.v*.so "$LIB"/libggml.v*.so "$LIB/libggml-base.so" \
  -Wl,-rpath,"$LIB"
[ -f "$SHAPE.gguf" ] || PYTHONPATH=llama.cpp/gguf-py /usr/bin/python3 \
  "$ROOT/scripts/bench/llamacpp/make_random_gguf.py" --shape "$SHAPE" --out "$SHAPE.gguf"

# docsift: a random pack of the same shapes, int4 block 32, with a shared KV cache (the default
# layout) and, to see what it saves, with the cache returned anew at each step (concat).
case "$SHAPE" in
  mississippi)
    PACK="$WORK/pack-mississippi-int4"
    [ -f "$PACK/pack.json" ] || /usr/bin/python3 "$ROOT/scripts/slm/make_random_pack.py" \
      --out "$PACK" --shape mississippi --weights int4
    CONCAT="$WORK/pack-mississippi-int4-concat"
    [ -f "$CONCAT/pack.json" ] || /usr/bin/python3 "$ROOT/scripts/slm/make_random_pack.py" \
      --out "$CONCAT" --shape mississippi --weights int4 --kv-cache concat ;;
  qwen2.5-0.5b)
    EXPORT="$WORK/Qwen2.5-0.5B-Instruct"
    [ -f "$EXPORT/onnx/model_q4.onnx" ] || {
      echo "make_text_export.py needs the public Qwen2.5 tokenizer files: give --tokenizer" >&2
      exit 2
    }
    PACK="$WORK/store/Qwen2.5-0.5B-Instruct-q4"
    [ -f "$PACK/pack.json" ] || "$ROOT/docsift" models import "$EXPORT" --models-dir "$WORK/store" ;;
esac

echo "== llama.cpp, flash attention off"
./bench "$SHAPE.gguf" "$LIB" 512 64 "$THREADS" 0 2700 1
echo "== llama.cpp, flash attention on"
./bench "$SHAPE.gguf" "$LIB" 512 64 "$THREADS" 1 2700 1
for PROMPT in 512 2700; do
  for P in "$PACK" ${CONCAT:+"$CONCAT"}; do
    echo "== docsift, prompt $PROMPT, $(basename "$P")"
    "$ROOT/docsift" bench decoder --model "$P" --threads "$THREADS" --prompt-tokens "$PROMPT" \
      --new-tokens 64 --runs 2
  done
done
