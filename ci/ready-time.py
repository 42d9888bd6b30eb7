#!/usr/bin/env python3
"""Time from `badtls serve` to its ready line, and from SIGTERM to exit, over N runs.

Usage: python3 ci/ready-time.py target/release/badtls 7
"""
import subprocess, time, statistics, sys, signal
times=[]
for i in range(int(sys.argv[2])):
    t=time.monotonic()
    p=subprocess.Popen([sys.argv[1],'serve'],stdout=subprocess.PIPE,stderr=subprocess.DEVNULL,text=True)
    line=p.stdout.readline()
    times.append(time.monotonic()-t)
    assert line.startswith('badtls ready: '), line
    t2=time.monotonic(); p.send_signal(signal.SIGTERM); rc=p.wait(5); stop=time.monotonic()-t2
    print(f"run {i+1}: ready {times[-1]*1000:.0f} ms, stop {stop*1000:.0f} ms, exit {rc}")
print(f"median ready: {statistics.median(times)*1000:.0f} ms over {len(times)} runs")
