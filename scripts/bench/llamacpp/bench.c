// Measures llama.cpp's engine on a GGUF the way `docsift bench decoder` measures a pack: prefill
// of a random prompt, then greedy decoding one token at a time, short after the prompt and again
// at a long context; peak RSS. Driven from C against the prebuilt library, not through a binding
// (a JavaScript binding alone costs a third of the decode speed on 2 cores).
//
//   bench MODEL.gguf LIB_DIR [prompt=512] [new=64] [threads=2] [flash=0] [long=2700] [mmap=1]
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

#include "ggml-backend.h"
#include "llama.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void quiet(enum ggml_log_level level, const char *text, void *data) {
  (void) level; (void) text; (void) data;
}

static int argmax(const float *v, int n) {
  int best = 0;
  for (int i = 1; i < n; i++) {
    if (v[i] > v[best]) best = i;
  }
  return best;
}

// Prefills `n` random tokens from position 0 in batches of n_batch; returns seconds.
static double prefill(struct llama_context *ctx, llama_token *tokens, int n, int n_batch) {
  llama_memory_clear(llama_get_memory(ctx), true);
  double t0 = now();
  for (int i = 0; i < n; i += n_batch) {
    int m = n - i < n_batch ? n - i : n_batch;
    if (llama_decode(ctx, llama_batch_get_one(tokens + i, m)) != 0) {
      fprintf(stderr, "prefill failed\n");
      exit(1);
    }
  }
  return now() - t0;
}

// Decodes `n` greedy tokens after what the context holds; returns seconds.
static double decode(struct llama_context *ctx, int n, int vocab) {
  double t0 = now();
  for (int i = 0; i < n; i++) {
    llama_token t = argmax(llama_get_logits_ith(ctx, -1), vocab);
    if (llama_decode(ctx, llama_batch_get_one(&t, 1)) != 0) {
      fprintf(stderr, "decode failed\n");
      exit(1);
    }
  }
  return now() - t0;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench MODEL.gguf LIB_DIR [prompt] [new] [threads] [flash] [long] [mmap]\n");
    return 2;
  }
  int n_prompt = argc > 3 ? atoi(argv[3]) : 512;
  int n_new = argc > 4 ? atoi(argv[4]) : 64;
  int threads = argc > 5 ? atoi(argv[5]) : 2;
  int flash = argc > 6 ? atoi(argv[6]) : 0;
  int n_long = argc > 7 ? atoi(argv[7]) : 2700;
  int mmap = argc > 8 ? atoi(argv[8]) : 1;

  llama_log_set(quiet, NULL);
  ggml_backend_load_all_from_path(argv[2]);
  llama_backend_init();
  struct llama_model_params mp = llama_model_default_params();
  mp.load_mode = mmap ? LLAMA_LOAD_MODE_MMAP : LLAMA_LOAD_MODE_NONE;
  double t0 = now();
  struct llama_model *model = llama_model_load_from_file(argv[1], mp);
  if (!model) {
    fprintf(stderr, "cannot load %s\n", argv[1]);
    return 1;
  }
  struct llama_context_params cp = llama_context_default_params();
  cp.n_ctx = (n_long > n_prompt ? n_long : n_prompt) + n_new + 16;
  cp.n_batch = 512;
  cp.n_ubatch = 512;
  cp.n_threads = threads;
  cp.n_threads_batch = threads;
  cp.flash_attn_type = flash ? LLAMA_FLASH_ATTN_TYPE_ENABLED : LLAMA_FLASH_ATTN_TYPE_DISABLED;
  cp.no_perf = true;
  struct llama_context *ctx = llama_init_from_model(model, cp);
  if (!ctx) {
    fprintf(stderr, "cannot make a context\n");
    return 1;
  }
  double load = now() - t0;
  int vocab = llama_vocab_n_tokens(llama_model_get_vocab(model));
  int n_tokens = n_long > n_prompt ? n_long : n_prompt;
  llama_token *tokens = malloc(sizeof(llama_token) * n_tokens);
  srand(42);
  for (int i = 0; i < n_tokens; i++) tokens[i] = 3 + rand() % (vocab - 3);

  prefill(ctx, tokens, 16, 512);  // warm-up
  decode(ctx, 4, vocab);
  double best_prefill = 1e9, best_decode = 1e9;
  for (int run = 0; run < 2; run++) {
    double p = prefill(ctx, tokens, n_prompt, 512);
    double d = decode(ctx, n_new, vocab);
    if (p < best_prefill) best_prefill = p;
    if (d < best_decode) best_decode = d;
  }
  double d_long = 0;
  if (n_long > 0) {
    prefill(ctx, tokens, n_long, 512);
    d_long = decode(ctx, n_new, vocab);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("llama.cpp: %s, %d threads, flash attention %s, mmap %s\n", argv[1], threads,
         flash ? "on" : "off", mmap ? "on" : "off");
  printf("load: %.1f ms\n", load * 1e3);
  printf("prefill %d tokens: %.1f tokens/s\n", n_prompt, n_prompt / best_prefill);
  printf("decode %d tokens after %d: %.1f tokens/s\n", n_new, n_prompt, n_new / best_decode);
  if (n_long > 0) {
    printf("decode %d tokens after %d: %.1f tokens/s\n", n_new, n_long, n_new / d_long);
  }
  printf("peak RSS: %ld MiB\n", ru.ru_maxrss / 1024);
  llama_free(ctx);
  llama_model_free(model);
  free(tokens);
  return 0;
}
