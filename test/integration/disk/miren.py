#!/usr/bin/env python3
"""An independent miren-format implementation for the interop tests: python's json + the zstd CLI.
   miren.py write IMAGE SRC NAME FILESYSTEM TIMESTAMP   (Go json.Marshal field order, placeholder then seek back)
   miren.py read IMAGE OUT                              (prints the meta as JSON, writes the image to OUT)
   miren.py header < META.json                          (writes the header bytes for that meta to stdout)"""
import hashlib, json, struct, subprocess, sys

def go_json(meta):
    # Go escapes <, >, & and U+2028/9; compact separators; field order as in miren's Meta struct
    s = json.dumps(meta, separators=(",", ":"), ensure_ascii=False)
    for c in "<>&\u2028\u2029":
        s = s.replace(c, "\\u%04x" % ord(c))
    return s.encode()

def header(meta):
    data = go_json(meta)
    return b"MIRN" + struct.pack(">I", 1) + struct.pack(">I", len(data)) + data

def write(image, src, name, fs, ts):
    size = len(open(src, "rb").read())
    meta = {"name": name, "size_bytes": size, "filesystem": fs, "timestamp": ts, "checksum": "0" * 64, "version": 1}
    with open(image, "wb") as out:
        first = header(meta)
        out.write(first)
        out.flush()
        h = hashlib.sha256()
        p = subprocess.Popen(["zstd", "-q", "-3", "-c"], stdin=subprocess.PIPE, stdout=out)
        with open(src, "rb") as f:
            while True:
                b = f.read(1 << 20)
                if not b:
                    break
                h.update(b)
                p.stdin.write(b)
        p.stdin.close()
        assert p.wait() == 0
        meta["checksum"] = h.hexdigest()
        again = header(meta)
        assert len(again) == len(first)
        out.seek(0)
        out.write(again)

def read(image, out):
    with open(image, "rb", buffering=0) as f:  # unbuffered: zstd reads the same descriptor from here on
        assert f.read(4) == b"MIRN", "bad magic"
        (version,) = struct.unpack(">I", f.read(4))
        assert version == 1, "bad version"
        (n,) = struct.unpack(">I", f.read(4))
        assert n <= 1 << 20, "meta too large"
        raw = f.read(n)
        meta = json.loads(raw)
        data = subprocess.run(["zstd", "-q", "-d", "-c"], stdin=f, stdout=subprocess.PIPE, check=True).stdout
    assert hashlib.sha256(data).hexdigest() == meta["checksum"], "checksum mismatch"
    assert len(data) == meta["size_bytes"], "size mismatch"
    open(out, "wb").write(data)
    print(json.dumps({"meta": meta, "raw": raw.decode()}))

if sys.argv[1] == "write":
    write(*sys.argv[2:7])
elif sys.argv[1] == "header":
    sys.stdout.buffer.write(header(json.loads(sys.stdin.read())))
else:
    read(sys.argv[2], sys.argv[3])
