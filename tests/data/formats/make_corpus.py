#!/usr/bin/env python3
"""Writes the field-format test corpus (tests/data/formats). Deterministic; run from anywhere.

Plots (CGCS2000 GK zone 38, CM 114 E; EPSG:4526 with prefix, EPSG:4547 without), chosen against
tests/data/small so their conflicts are hand-checkable:
  A YZ-2025-017 污水处理厂扩容搬迁  E 469800..470200, N 4420100..4420300: 400 x 200 = 80000 m² (8 ha);
    half in red line HX001 (E 470000..471000): 40000 m².
  B YZ-2025-018 物流园  E 476200..476800, N 4420100..4420400 minus hole E 476400..476600,
    N 4420200..4420300: 180000 - 20000 = 160000 m² (16 ha); all in farmland JBNT-0001.
  C YZ-2025-019 两块地  two parts E 472000..472100 and 472200..472300, N 4425000..4425100:
    2 x 10000 m² (2 ha); no zone but the township.
Needs cs2cs and ogr2ogr (gdal-bin, proj-bin)."""
import math
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))

HEADER = """[属性描述]
格式版本号=1.01
数据产生单位=云州区自然资源局
数据产生日期=2025-6-15
坐标系={crs}
几度分带=3
投影类型=高斯克吕格
计量单位=米
带号={zone}
精度=0.001
转换参数=,,,,,,
[地块坐标]
"""

A = ("YZ-2025-017", "污水处理厂扩容搬迁", 8.0, "工业用地", "0601",
     [[(4420300, 469800), (4420300, 470200), (4420100, 470200), (4420100, 469800)]])
B = ("YZ-2025-018", "物流园", 16.0, "仓储用地", "0508",
     [[(4420400, 476200), (4420400, 476800), (4420100, 476800), (4420100, 476200)],
      [(4420300, 476400), (4420300, 476600), (4420200, 476600), (4420200, 476400)]])
C = ("YZ-2025-019", "两块地", 2.0, "公用设施用地", "0809",
     [[(4425100, 472000), (4425100, 472100), (4425000, 472100), (4425000, 472000)],
      [(4425100, 472200), (4425100, 472300), (4425000, 472300), (4425000, 472200)]])


def plot_text(plot, prefix=38, closing=True, fields=9, swap=False, area=None):
    pid, name, ha, use, code, rings = plot
    lines = []
    n = 0
    for ring_no, ring in enumerate(rings, 1):
        pts = ring + ([ring[0]] if closing else [])
        first = n + 1
        for i, (x, y) in enumerate(pts):
            if closing and i == len(pts) - 1:
                label = first
            else:
                n += 1
                label = n
            y = y + prefix * 1000000
            a, b = (y, x) if swap else (x, y)
            lines.append(f"J{label},{ring_no},{a:.3f},{b:.3f}")
    extra = ",,建设用地,2025-06" if fields == 12 else ""
    head = f"{len(lines)},{(area if area is not None else ha):.4f},{pid},{name},面,J50G001001,{use},{code}{extra},@"
    return [head] + lines


def write(name, text, encoding="utf-8", crlf=False):
    data = text.replace("\n", "\r\n") if crlf else text
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data.encode(encoding))


def txt(plots_lines, crs="2000国家大地坐标系", zone=38):
    body = "\n".join(l for p in plots_lines for l in p) + "\n"
    return HEADER.format(crs=crs, zone=zone) + body


def main():
    write("utf8_lf_9.txt", txt([plot_text(A), plot_text(B)]))
    write("gbk_crlf.txt", txt([plot_text(A), plot_text(B)]), encoding="gbk", crlf=True)
    write("fields12_noprefix.txt", txt([plot_text(A, prefix=0, fields=12)]), crlf=True)
    write("multiplot_unclosed.txt", txt([plot_text(A, prefix=0, closing=False),
                                         plot_text(B, prefix=0, closing=False),
                                         plot_text(C, prefix=0, closing=False)]))
    write("xian80.txt", txt([plot_text(A)], crs="1980西安坐标系"))
    write("area_mismatch.txt", txt([plot_text(A, area=8.1)]))
    write("swapped.txt", txt([plot_text(A, swap=True)]))
    write("zone_mismatch.txt", txt([plot_text(A)], zone=37))
    # Broken files: each gives exit 2 and file:line: reason (see tests/test_formats.cpp).
    bad = txt([plot_text(A)]).split("\n")
    ring2 = bad[:12] + ["3,0.0000,YZ-BAD,两点,面,,,,@", "J1,1,4420300.000,38469800.000",
                        "J2,1,4420300.000,38470200.000", "J1,1,4420300.000,38469800.000"]
    write("broken_ring.txt", "\n".join(ring2) + "\n")
    num = list(bad)
    num[14] = num[14].replace("4420300.000", "4420abc")
    write("broken_number.txt", "\n".join(num))
    cnt = list(bad)
    cnt[12] = cnt[12].replace("5,", "6,", 1)
    write("broken_count.txt", "\n".join(cnt))
    fld = list(bad)
    fld[15] = "J3,1,4420100.000"
    write("broken_fields.txt", "\n".join(fld))
    nocrs = txt([plot_text(A, prefix=0)]).replace("坐标系=2000国家大地坐标系\n", "").replace("带号=38\n", "")
    write("broken_nocrs.txt", nocrs)
    write("broken_encoding.txt", txt([plot_text(A)]).replace("物流", "x"), encoding="utf-8")
    with open(os.path.join(HERE, "broken_encoding.txt"), "ab") as f:
        f.write(b"J9,1,\xff\xfe,1\n")

    # Plot A as GeoJSON with swapped axes (northing first), EPSG:4547.
    ring = [(e, n) for n, e in A[5][0]] + [(A[5][0][0][1], A[5][0][0][0])]
    def geojson(coords, crs, props):
        return ('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::%s"}},'
                '"features":[{"type":"Feature","properties":%s,"geometry":{"type":"Polygon","coordinates":[[%s]]}}]}\n'
                % (crs, props, ",".join("[%.9f,%.9f]" % c for c in coords)))
    props = '{"id":"YZ-2025-017","name":"污水处理厂扩容搬迁"}'
    write("swapped_4547.geojson", geojson([(n, e) for e, n in ring], 4547, props))
    # Lon/lat of plot A (CGCS2000), from cs2cs.
    out = subprocess.run(["cs2cs", "-f", "%.9f", "EPSG:4547", "EPSG:4490"],
                         input="".join("%f %f\n" % (n, e) for e, n in ring),  # EPSG order: northing, easting
                         capture_output=True, text=True, check=True).stdout.split("\n")
    lonlat = [(float(l.split()[1]), float(l.split()[0])) for l in out if l.strip()]
    write("latlon_4490.geojson", geojson([(la, lo) for lo, la in lonlat], 4490, props))
    kml = lambda coords: ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
                          '<Document><Placemark><name>污水处理厂扩容搬迁</name><Polygon><outerBoundaryIs><LinearRing>'
                          '<coordinates>%s</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>'
                          '</Document></kml>\n' % " ".join("%.9f,%.9f,0" % c for c in coords))
    write("site.kml", kml(lonlat))
    write("ovital_gcj02.kml", kml([gcj02(lo, la) for lo, la in lonlat]))

    # DXF (R12 text in ANSI_936): plot A as a closed LWPOLYLINE, a road as an open one, a label.
    def lw(coords, closed, layer):
        s = ["0", "LWPOLYLINE", "8", layer, "90", str(len(coords)), "70", "1" if closed else "0"]
        for e, n in coords:
            s += ["10", "%.3f" % e, "20", "%.3f" % n]
        return s
    ents = lw([(e, n) for n, e in A[5][0]], True, "YZ-2025-017")
    ents += lw([(469000, 4420500), (472000, 4420500)], False, "ROAD")
    ents += ["0", "TEXT", "8", "LABEL", "10", "470000", "20", "4420200", "40", "5", "1", "污水处理厂"]
    dxf = ["0", "SECTION", "2", "HEADER", "9", "$ACADVER", "1", "AC1009", "9", "$DWGCODEPAGE", "3", "ANSI_936",
           "0", "ENDSEC", "0", "SECTION", "2", "ENTITIES"] + ents + ["0", "ENDSEC", "0", "EOF"]
    write("drawing.dxf", "\r\n".join(dxf) + "\r\n", encoding="gbk")

    # Shapefiles without .cpg and without a code page byte: GBK and UTF-8 text.
    for enc, name in (("CP936", "gbk_nocpg"), ("UTF-8", "utf8_nocpg")):
        base = os.path.join(HERE, name)
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            if os.path.exists(base + ext):
                os.remove(base + ext)
        src = os.path.join(HERE, "_tmp.geojson")
        with open(src, "w", encoding="utf-8") as f:
            f.write(geojson(ring, 4547, '{"DKBH":"YZ-2025-017","DKMC":"污水处理厂扩容搬迁"}'))
        subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", base + ".shp", src, "-lco", "ENCODING=" + enc],
                       check=True)
        os.remove(src)
        if os.path.exists(base + ".cpg"):
            os.remove(base + ".cpg")
        with open(base + ".dbf", "r+b") as f:
            f.seek(29)
            f.write(b"\x00")


def gcj02(lon, lat):
    """The published GCJ-02 forward formula (as in libzoning/src/crs/gcj02.cpp)."""
    a, ee = 6378245.0, 0.00669342162296594323
    x, y = lon - 105.0, lat - 35.0
    pi = math.pi
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
            + (20.0 * math.sin(y * pi) + 40.0 * math.sin(y / 3.0 * pi)) * 2.0 / 3.0
            + (160.0 * math.sin(y / 12.0 * pi) + 320 * math.sin(y * pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * pi) + 20.0 * math.sin(2.0 * x * pi)) * 2.0 / 3.0
            + (20.0 * math.sin(x * pi) + 40.0 * math.sin(x / 3.0 * pi)) * 2.0 / 3.0
            + (150.0 * math.sin(x / 12.0 * pi) + 300.0 * math.sin(x / 30.0 * pi)) * 2.0 / 3.0)
    rad = lat / 180.0 * pi
    magic = 1 - ee * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((a * (1 - ee)) / (magic * sq) * pi)
    dlon = (dlon * 180.0) / (a / sq * math.cos(rad) * pi)
    return lon + dlon, lat + dlat


if __name__ == "__main__":
    main()
