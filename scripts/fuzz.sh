#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for a bounded time each, one after the other, and says which found a
# crash: `scripts/fuzz.sh [seconds-per-target] [target...]` (default 60 s, every target). Not part of
# scripts/test.sh or CI: it needs a nightly toolchain and libFuzzer. Installs what is missing (idempotent).
# See fuzz/README.md for the targets, their seeds and how to replay a crash.
source "$(dirname "$0")/lib/env.sh"
seconds="${1:-60}"
shift || true

if ! rustup toolchain list | grep -q '^nightly'; then
  step "rustup toolchain install nightly (once)"
  rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  step "cargo install cargo-fuzz (about 3 minutes, once)"
  cargo install cargo-fuzz --locked
fi

# Instrumented builds have flags of their own: keep them apart from the ordinary build cache.
fuzz_target_dir="$CARGO_TARGET_DIR/fuzz"
cd "$ROOT/fuzz"
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

step "cargo fuzz build (every target; the first build takes several minutes)"
cargo +nightly fuzz build --target-dir "$fuzz_target_dir"

failed=()
for target in "${targets[@]}"; do
  step "fuzz $target for ${seconds}s"
  mkdir -p "corpus/$target"
  # -timeout: an input that takes more than 10 s counts as a finding (a parser that hangs).
  if ! cargo +nightly fuzz run --target-dir "$fuzz_target_dir" "$target" -- \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1; then
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  printf '\nFound a crash in: %s (inputs in fuzz/artifacts/<target>/; see fuzz/README.md)\n' "${failed[*]}"
  exit 1
fi
printf '\nNo crash in %d targets, %ss each.\n' "${#targets[@]}" "$seconds"
