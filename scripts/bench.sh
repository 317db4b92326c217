#!/usr/bin/env bash
# Prints the figures the README quotes: widget bundle sizes (more benchmarks join as features land).
source "$(dirname "$0")/lib/env.sh"
bash scripts/install.sh
step "release build of the widget"
trunk build --release >/dev/null
step "sizes"
node scripts/bench/sizes.mjs dist
