#!/bin/bash
# ABBA alternation of two worktrees' bench runs; $1 = tag, rest = bench args
tag=$1; shift
out=/tmp/speed-ab/$tag; mkdir -p $out
i=0
for wt in base speed speed base base speed speed base; do
  i=$((i+1))
  dir=/work/wt/speed; [ $wt = base ] && dir=/work/wt/speed-base
  (cd $dir && npm run bench -- "$@" --json 2>/dev/null | grep '^{' > $out/$i-$wt.json)
done
uptime > $out/uptime-after
