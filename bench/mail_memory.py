"""Whether reading a huge mbox keeps memory flat: peak memory on a large file against the same on 100 MB.

    python -m bench.mail_memory [--size-mb 2048] [--reader-only]

It writes two mboxes into a temporary folder (checking the disk has room
first): one of ``--size-mb`` and one of 100 MB, from the same mix of messages
as ``bench.mail_speed``, each with one 40 MB message that must be skipped
without being buffered. Each is then read in a fresh Python process by
``open_source`` (and ``classify``, when importable and not ``--reader-only``),
which reports its peak resident memory (VmHWM). Streaming works when the two
peaks are about the same: the ratio large/small should stay near 1.0. The
files are deleted afterwards.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.mail_speed import generate

SMALL_MB = 100
HUGE_MESSAGE_MB = 40  # over the reader's 25 MB cap


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mail_memory", description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=int, default=2048, help="size of the large mbox, in MB")
    parser.add_argument("--reader-only", action="store_true", help="do not classify, even when classify is there")
    if "--child" in argv:  # the measured process: python -m bench.mail_memory --child PATH [--reader-only]
        return child(Path(argv[argv.index("--child") + 1]), classify="--reader-only" not in argv)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="onward-bench-"))
    try:
        needed = (args.size_mb + SMALL_MB + 2 * HUGE_MESSAGE_MB + 200) * 1024 * 1024
        free = shutil.disk_usage(folder).free
        if free < needed:
            gb_needed, gb_free = needed / 2**30, free / 2**30
            print(f"not enough disk space in {folder.parent}: {gb_needed:.1f} GB needed, {gb_free:.1f} GB free")
            print("try a smaller --size-mb, or set TMPDIR to a folder on a bigger disk")
            return 2
        results = []
        for size_mb in (SMALL_MB, args.size_mb):
            path = folder / f"inbox-{size_mb}mb.mbox"
            started = time.perf_counter()
            written = write_mbox_of_size(path, size_mb * 1024 * 1024)
            print(f"wrote {path.name}: {written / 2**20:,.0f} MB in {time.perf_counter() - started:.0f} s")
            result = measure(path, reader_only=args.reader_only)
            path.unlink()
            results.append((size_mb, result))
            print(
                f"  read {result['messages']:,} messages ({result['skipped']} skipped) in {result['seconds']:.0f} s, "
                f"{'with' if result['classified'] else 'without'} classify: peak memory {result['peak_mb']:.1f} MB"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    (small_mb, small), (large_mb, large) = results
    print(f"\n{'file':>10} {'messages':>10} {'peak MB':>9}")
    for size_mb, result in results:
        print(f"{size_mb:>7} MB {result['messages']:>10,} {result['peak_mb']:>9.1f}")
    ratio = large["peak_mb"] / small["peak_mb"]
    print(f"\npeak memory {large_mb} MB / {small_mb} MB: {ratio:.2f}×", end=" ")
    print(f"(flat is about 1.0×; the file is {large_mb / small_mb:.0f}× bigger)")
    return 0


def write_mbox_of_size(path: Path, size: int) -> int:
    """An mbox of at least ``size`` bytes, with one oversized message a third of the way in."""
    written = 0
    huge_at = size // 3
    with path.open("wb") as file:
        for envelope, data in generate(10**9, seed=11):
            if huge_at and written >= huge_at:
                file.write(envelope + huge_message())
                written = file.tell()
                huge_at = 0
            file.write(envelope)
            file.write(data.replace(b"\nFrom ", b"\n>From "))
            file.write(b"\n\n")
            written += len(envelope) + len(data) + 2
            if written >= size:
                break
    return path.stat().st_size


def huge_message() -> bytes:
    payload = base64.encodebytes(b"\x00\xff" * (HUGE_MESSAGE_MB * 1024 * 1024 * 3 // 8))
    return (
        b"From: scans@copier.example\nSubject: Scanned documents\n"
        b'Content-Type: multipart/mixed; boundary="scan"\n\n--scan\nContent-Type: text/plain\n\nAttached.\n'
        b"--scan\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n" + payload + b"--scan--\n\n"
    )


def measure(path: Path, *, reader_only: bool) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.mail_memory", "--child", str(path)]
    if reader_only:
        command.append("--reader-only")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def child(path: Path, *, classify: bool) -> int:
    from onward.domain.mail.message import Mail
    from onward.domain.mail.reader import open_source

    judge = None
    if classify:
        try:
            from onward.domain.mail.classify import classify as judge
        except ImportError:
            judge = None
    started = time.perf_counter()
    messages = skipped = 0
    for item, _done in open_source(path):
        messages += 1
        if isinstance(item, Mail):
            if judge is not None:
                judge(item)
        else:
            skipped += 1
    peak_kb = next(
        int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM")
    )
    result = {
        "messages": messages,
        "skipped": skipped,
        "seconds": time.perf_counter() - started,
        "peak_mb": peak_kb / 1024,
        "classified": judge is not None,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
