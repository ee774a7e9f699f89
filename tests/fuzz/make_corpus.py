#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/): real files of the
repository plus hostile cases (truncated, duplicate keys, huge counts). Deterministic, except the
two cache files, which are written by `zoning index` (pass the zoning binary) and carry this
machine's library versions in their key. Usage: tests/fuzz/make_corpus.py [build/bin/zoning]"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(HERE, "corpus")


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def read(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        return f.read()


def catalogs():
    for rel in ["tests/data/small/catalog.yaml", "tests/data/small/catalog-rivers.yaml",
                "tests/data/check/catalog.yaml", "tests/data/stats/catalog.yaml",
                "shapefiles/yunzhou/catalog.yaml"]:
        write("catalog", rel.replace("/", "_"), read(rel))
    layer = "name: t\ncrs: EPSG:4547\nlayers:\n  - id: r\n    kind: water_source\n    source: r.shp\n"
    hostile = {
        "dup_verdict.yaml": layer + "    verdict: allowed\n    verdict: prohibited\n",
        "dup_layers.yaml": layer + "layers:\n  - id: q\n    kind: other\n    source: q.shp\n",
        "dup_style.yaml": layer + "    style: {stroke: '#ff0000', stroke: '#00ff00', dash: [1, 2]}\n",
        "classes.yaml": layer + "    class_field: BHQJB\n    classes:\n      一级: prohibited\n"
                                "      二级: {verdict: restricted, title: 二级保护区}\n      一级: allowed\n",
        "list_key.yaml": layer + "    ? [a, b]\n    : 1\n",
        "map_value.yaml": layer + "    verdict: [a, b]\n    source: {x: 1}\n",
        "empty_values.yaml": layer + "    verdict:\n    near_m: ~\n",
        "two_documents.yaml": layer + "---\nname: u\n",
        "alias.yaml": layer + "    verdict: &v allowed\n  - id: b\n    kind: other\n    source: b.shp\n"
                              "    verdict: *v\n",
        "alias_cycle.yaml": "name: t\nlayers: &a\n  - *a\n",
        "deep.yaml": "name: " + "[" * 300 + "]" * 300 + "\n",
        "catalog.json": '{"name": "j", "crs": "EPSG:4547", "layers": [{"id": "a", "kind": "other",'
                        ' "source": "a.shp", "near_m": 50, "style": {"width": 0.6}}]}',
        "truncated.yaml": read("tests/data/small/catalog.yaml")[:300],
        "stray_comma.yaml": "# a comment\n, x\nname: t\n",  # yaml-cpp#1040: hung the document loop
    }
    for name, text in hostile.items():
        write("catalog", name, text)


def encodings():
    for rel in ["tests/data/formats/gbk_crlf.txt", "tests/data/formats/utf8_lf_9.txt",
                "tests/data/formats/broken_encoding.txt"]:
        write("encoding", os.path.basename(rel), read(rel))
    write("encoding", "gbk_dbf_records", read("tests/data/formats/gbk_nocpg.dbf")[97:])
    write("encoding", "gbk_truncated", "生态保护红线".encode("gbk")[:-1])
    write("encoding", "gb18030_4byte", "𠀀".encode("gb18030"))
    write("encoding", "utf8_overlong", b"\xc0\xaf\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80")


def field_inputs():
    # Byte 0: bits 0-1 format (0 DXF, 1 KML, 2 DBF), bit 2 --from-gcj02, bit 3 --fix-axes,
    # bits 4-5 --s-srs (none, EPSG:4547, EPSG:4490, EPSG:4526).
    dxf = read("tests/data/formats/drawing.dxf")
    write("field_input", "drawing_4547.dxf", bytes([0x10]) + dxf)
    write("field_input", "drawing_4526_fix.dxf", bytes([0x38]) + dxf)
    write("field_input", "drawing_truncated.dxf", bytes([0x10]) + dxf[: len(dxf) // 2])
    at = dxf.find(b"$DWGCODEPAGE") + 4
    write("field_input", "drawing_nul.dxf", bytes([0x10]) + dxf[:at] + b"\0" * 40 + dxf[at:])  # hung GDAL
    write("field_input", "ovital_gcj02.kml", bytes([0x05]) + read("tests/data/formats/ovital_gcj02.kml"))
    write("field_input", "site.kml", bytes([0x09]) + read("tests/data/formats/site.kml"))
    write("field_input", "site_projected_gcj.kml", bytes([0x15]) + read("tests/data/formats/site.kml"))
    gbk = read("tests/data/formats/gbk_nocpg.dbf")
    write("field_input", "gbk_nocpg.dbf", bytes([0x02]) + gbk)
    write("field_input", "utf8_nocpg.dbf", bytes([0x02]) + read("tests/data/formats/utf8_nocpg.dbf"))
    write("field_input", "dbf_header_past_end.dbf", bytes([0x02]) + gbk[:8] + b"\xff\xff" + gbk[10:40])


def caches(zoning):
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(ROOT, "tests/data/small"), os.path.join(tmp, "small"))
        for cat in ["catalog.yaml", "catalog-rivers.yaml"]:
            path = os.path.join(tmp, "small", cat)
            subprocess.run([zoning, "index", "-c", path], check=True, stdout=subprocess.DEVNULL)
            with open(path + ".zcache", "rb") as f:
                data = f.read()
            write("cache", cat.replace(".yaml", ".cache"), data)  # *.zcache is git-ignored
    # Hostile versions of the rivers cache: truncated, and huge counts (file stamps, then the
    # warnings of the body: the body checksum is not the decoder's business).
    write("cache", "truncated.cache", data[: len(data) // 2])
    at = 8 + 4
    (klen,) = struct.unpack_from("<I", data, at)
    at += 4 + klen
    write("cache", "huge_file_count.cache", data[:at] + b"\xff\xff\xff\xff" + data[at + 4:])
    (nfiles,) = struct.unpack_from("<I", data, at)
    at += 4
    for _ in range(nfiles):
        (plen,) = struct.unpack_from("<I", data, at)
        at += 4 + plen + 24
    body = data[at + 16:]
    write("cache", "body.bin", body)
    b = 0
    for _ in range(3):
        (slen,) = struct.unpack_from("<I", body, b)
        b += 4 + slen
    b += 4 + 1 + 16
    write("cache", "body_huge_warnings.bin", body[:b] + b"\xff\xff\xff\xff" + body[b + 4:])
    write("cache", "not_a_cache", b"ZONCACHX" + data[8:64])


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    catalogs()
    encodings()
    field_inputs()
    zoning = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "bin", "zoning")
    caches(zoning)


if __name__ == "__main__":
    main()
