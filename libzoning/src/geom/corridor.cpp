#include "geom/corridor.hpp"

#include <algorithm>
#include <vector>

namespace zoning::geom {

namespace {

Geom buffer(const GeosContext& ctx, const GEOSGeometry* g, double half_width) {
    return ctx.own(GEOSBufferWithStyle_r(ctx, g, half_width, 16, GEOSBUF_CAP_FLAT, GEOSBUF_JOIN_ROUND, 5.0),
                   "corridor buffer");
}

/// Appends the buffers of the pieces of one linestring.
void buffer_pieces(const GeosContext& ctx, const GEOSGeometry* line, double half_width, std::vector<Geom>& out) {
    const GEOSCoordSequence* cs = GEOSGeom_getCoordSeq_r(ctx, line);
    unsigned n = 0;
    if (cs == nullptr || GEOSCoordSeq_getSize_r(ctx, cs, &n) == 0 || n < 2) {
        out.push_back(buffer(ctx, line, half_width));
        return;
    }
    const unsigned step = static_cast<unsigned>(kCorridorPieceSegments);
    for (unsigned first = 0; first + 1 < n; first += step) {
        // kCorridorPieceOverlap segments more at each end: the joins at the cuts lie inside a
        // piece, not at a flat cap, and GEOS's simplification of the input line (which looks up
        // to 10 vertices ahead) sees what it sees in the whole line.
        const unsigned ov = static_cast<unsigned>(kCorridorPieceOverlap);
        const unsigned a = first < ov ? 0 : first - ov;
        const unsigned b = std::min(n - 1, first + step + ov);
        GEOSCoordSequence* piece = GEOSCoordSeq_create_r(ctx, b - a + 1, 2);
        for (unsigned i = a; i <= b; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(ctx, cs, i, &x, &y);
            GEOSCoordSeq_setXY_r(ctx, piece, i - a, x, y);
        }
        Geom l = ctx.own(GEOSGeom_createLineString_r(ctx, piece), "corridor piece");
        out.push_back(buffer(ctx, l.get(), half_width));
    }
}

}  // namespace

Geom corridor(const GeosContext& ctx, const GEOSGeometry* lines, double half_width) {
    const int vertices = GEOSGetNumCoordinates_r(ctx, lines);
    if (vertices < 0 || static_cast<std::size_t>(vertices) <= kCorridorPieceThreshold) {
        return buffer(ctx, lines, half_width);
    }
    // Only a line whose corridor must overlap itself (length x width more than the area of its
    // box) is cut: a long line that does not overlap itself is buffered whole 6-9 times faster.
    double length = 0;
    if (GEOSLength_r(ctx, lines, &length) == 0) return buffer(ctx, lines, half_width);
    const Envelope box = ctx.envelope(lines).grown(half_width);
    if (length * 2 * half_width <= (box.maxx - box.minx) * (box.maxy - box.miny)) return buffer(ctx, lines, half_width);
    std::vector<Geom> pieces;
    const int type = GEOSGeomTypeId_r(ctx, lines);
    if (type == GEOS_LINESTRING || type == GEOS_LINEARRING) {
        buffer_pieces(ctx, lines, half_width, pieces);
    } else {
        const int parts = GEOSGetNumGeometries_r(ctx, lines);
        for (int i = 0; i < parts; ++i) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(ctx, lines, i);
            const int t = GEOSGeomTypeId_r(ctx, part);
            if (t == GEOS_LINESTRING || t == GEOS_LINEARRING) buffer_pieces(ctx, part, half_width, pieces);
            else pieces.push_back(buffer(ctx, part, half_width));
        }
    }
    Geom all = ctx.collect(std::move(pieces));
    return ctx.own(GEOSUnaryUnion_r(ctx, all.get()), "corridor union");
}

}  // namespace zoning::geom
