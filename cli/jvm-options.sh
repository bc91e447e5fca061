# The JVM options every CavaPlan process gets from the launcher besides the class-data-sharing
# archive, in the array CAVAPLAN_JVM_OPTIONS. Sourced by ./cavaplan and by bench/run, so that the
# benchmarks run what users run.
#
# -XX:+UseTransparentHugePages, where the kernel gives huge pages on request (transparent huge pages
# in mode "madvise" or "always"): the heap is then mapped in 2 MiB pages instead of 4 KiB ones.
# On a 2-core virtual machine whose kernel samples page access every 0.5 s (DAMON), each sampling
# round stalled a server on 4 KiB pages for 40-60 ms; with huge pages the CDS Hooks p99 went from
# 20-43 ms to 13 ms (bench/HISTORY.md). Where the mode is "never" the option is left out, since the
# JVM would only warn that it cannot have them.
CAVAPLAN_JVM_OPTIONS=()
if [ -r /sys/kernel/mm/transparent_hugepage/enabled ] \
    && grep -qE '\[(madvise|always)\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  CAVAPLAN_JVM_OPTIONS+=(-XX:+UseTransparentHugePages)
fi
