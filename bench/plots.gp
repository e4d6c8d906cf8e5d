# The plots of docs/performance.md, from the series bench/perf_report.cc writes (run from the
# directory holding the .dat files; `out` names the directory for the PNGs).
set terminal pngcairo size 720,420 font "sans,10"
set grid
set key top left

set output out."/replay.png"
set title "Replay time against history length"
set xlabel "events in the history"
set ylabel "milliseconds"
plot "replay.dat" using 1:3 with linespoints title "decode + fold", \
     "" using 1:2 with linespoints title "fold (decoded events)", \
     "" using 1:4 with linespoints title "bare Boost.JSON parse (baseline)"

set output out."/record_size.png"
set title "One writer's durable positions over HTTP against record size"
set logscale x
set xlabel "journal entries before the writes"
set ylabel "positions per second"
set yrange [0:*]
plot "record_size.dat" using 1:2 with linespoints title "one client"
unset logscale x

set output out."/writers.png"
set title "Durable positions over HTTP against concurrent writers (fresh record)"
set logscale x 2
set xlabel "concurrent writers"
set ylabel "positions per second"
set y2label "latency p99 (ms)"
set y2tics
plot "writers.dat" using 1:2 with linespoints title "positions/s", \
     "" using 1:4 axes x1y2 with linespoints title "p99 latency (ms)"
unset logscale x
unset y2tics
unset y2label

set output out."/decision.png"
set title "Time to evaluate one decision against the number of members (consensus)"
set logscale xy
set xlabel "members present"
set ylabel "microseconds per decision"
set yrange [*:*]
plot "decision.dat" using 1:2 with linespoints title "EvaluateDraft"
unset logscale xy

set output out."/live.png"
set title "Live delivery delay against number of streams"
set logscale x
set xlabel "open streams"
set ylabel "milliseconds from POST to arrival"
set yrange [0:*]
plot "live.dat" using 1:2 with linespoints title "p50", \
     "" using 1:3 with linespoints title "p99"
