#include <zoning/error.hpp>
#include <zoning/geos.hpp>

#include <algorithm>

namespace zoning {

namespace {

extern "C" void geos_error_handler(const char* fmt, void* userdata) {
    // GEOS 3.11 message handlers with userdata receive a preformatted message.
    auto* dst = static_cast<std::string*>(userdata);
    *dst = fmt;
}

}  // namespace

void Envelope::expand(const Envelope& o) noexcept {
    if (o.empty()) return;
    if (empty()) {
        *this = o;
        return;
    }
    minx = std::min(minx, o.minx);
    miny = std::min(miny, o.miny);
    maxx = std::max(maxx, o.maxx);
    maxy = std::max(maxy, o.maxy);
}

void Envelope::expand(double x, double y) noexcept { expand(Envelope{x, y, x, y}); }

GeosContext::GeosContext() : ctx_(GEOS_init_r()) {
    if (ctx_ == nullptr) throw InternalError("GEOS: could not create a context");
    GEOSContext_setErrorMessageHandler_r(ctx_, geos_error_handler, &last_error_);
    GEOSContext_setNoticeMessageHandler_r(ctx_, geos_error_handler, &last_notice_);
}

GeosContext::~GeosContext() { GEOS_finish_r(ctx_); }

Geom GeosContext::own(GEOSGeometry* g, std::string_view what) const {
    if (g == nullptr) {
        throw InternalError("GEOS " + std::string(what) + " failed: " +
                            (last_error_.empty() ? std::string("no message") : last_error_));
    }
    return Geom(g, GeomDeleter{ctx_});
}

Geom GeosContext::clone(const GEOSGeometry* g) const { return own(GEOSGeom_clone_r(ctx_, g), "clone"); }

Prepared GeosContext::prepare(const GEOSGeometry* g) const {
    const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx_, g);
    if (p == nullptr) throw InternalError("GEOS prepare failed: " + last_error_);
    return Prepared(p, PreparedDeleter{ctx_});
}

Geom GeosContext::from_wkt(std::string_view wkt) const {
    GEOSWKTReader* r = GEOSWKTReader_create_r(ctx_);
    std::string s(wkt);
    GEOSGeometry* g = GEOSWKTReader_read_r(ctx_, r, s.c_str());
    GEOSWKTReader_destroy_r(ctx_, r);
    if (g == nullptr) throw InputError("not a valid WKT geometry: " + s.substr(0, 60) + ": " + last_error_);
    return Geom(g, GeomDeleter{ctx_});
}

Geom GeosContext::from_wkb(const unsigned char* data, size_t size) const {
    GEOSGeometry* g = GEOSGeomFromWKB_buf_r(ctx_, data, size);
    if (g == nullptr) throw InputError("unreadable WKB geometry: " + last_error_);
    return Geom(g, GeomDeleter{ctx_});
}

std::string GeosContext::to_wkt(const GEOSGeometry* g, int decimals) const {
    GEOSWKTWriter* w = GEOSWKTWriter_create_r(ctx_);
    GEOSWKTWriter_setRoundingPrecision_r(ctx_, w, decimals);
    GEOSWKTWriter_setTrim_r(ctx_, w, 1);
    char* s = GEOSWKTWriter_write_r(ctx_, w, g);
    GEOSWKTWriter_destroy_r(ctx_, w);
    std::string out = s != nullptr ? s : "";
    GEOSFree_r(ctx_, s);
    return out;
}

std::vector<unsigned char> GeosContext::to_wkb(const GEOSGeometry* g) const {
    GEOSWKBWriter* w = GEOSWKBWriter_create_r(ctx_);
    size_t n = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(ctx_, w, g, &n);
    GEOSWKBWriter_destroy_r(ctx_, w);
    if (buf == nullptr) throw InternalError("GEOS WKB write failed: " + last_error_);
    std::vector<unsigned char> out(buf, buf + n);
    GEOSFree_r(ctx_, buf);
    return out;
}

Envelope GeosContext::envelope(const GEOSGeometry* g) const {
    Envelope e;
    if (g == nullptr || GEOSisEmpty_r(ctx_, g) != 0) return e;
    if (GEOSGeom_getXMin_r(ctx_, g, &e.minx) == 0 || GEOSGeom_getYMin_r(ctx_, g, &e.miny) == 0 ||
        GEOSGeom_getXMax_r(ctx_, g, &e.maxx) == 0 || GEOSGeom_getYMax_r(ctx_, g, &e.maxy) == 0) {
        throw InternalError("GEOS envelope failed: " + last_error_);
    }
    return e;
}

Geom GeosContext::empty_polygon() const { return own(GEOSGeom_createEmptyPolygon_r(ctx_), "empty polygon"); }

Geom GeosContext::collect(std::vector<Geom> parts) const {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    for (auto& p : parts) raw.push_back(p.release());
    GEOSGeometry* c = GEOSGeom_createCollection_r(ctx_, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                  static_cast<unsigned>(raw.size()));
    if (c == nullptr) {
        for (auto* r : raw) GEOSGeom_destroy_r(ctx_, r);
    }
    return own(c, "collect");
}

Geom GeosContext::union_all(const std::vector<const GEOSGeometry*>& parts) const {
    if (parts.empty()) return empty_polygon();
    if (parts.size() == 1) return own(GEOSUnaryUnion_r(ctx_, parts.front()), "union");
    std::vector<Geom> clones;
    clones.reserve(parts.size());
    for (const auto* p : parts) clones.push_back(clone(p));
    Geom coll = collect(std::move(clones));
    return own(GEOSUnaryUnion_r(ctx_, coll.get()), "union");
}

int geometry_dimension(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
    if (g == nullptr) return -1;
    return GEOSGeom_getDimensions_r(ctx, g);
}

Geom GeosContext::part_of_dimension(const GEOSGeometry* g, int dim) const {
    const int type = GEOSGeomTypeId_r(ctx_, g);
    if (type != GEOS_GEOMETRYCOLLECTION) {
        if (GEOSGeom_getDimensions_r(ctx_, g) == dim) return clone(g);
        return dim == 2 ? empty_polygon() : own(GEOSGeom_createEmptyLineString_r(ctx_), "empty line");
    }
    std::vector<Geom> keep;
    const int n = GEOSGetNumGeometries_r(ctx_, g);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx_, g, i);
        Geom sub = part_of_dimension(part, dim);
        if (GEOSisEmpty_r(ctx_, sub.get()) == 0) keep.push_back(std::move(sub));
    }
    if (keep.empty()) return dim == 2 ? empty_polygon() : own(GEOSGeom_createEmptyLineString_r(ctx_), "empty line");
    if (keep.size() == 1) return std::move(keep.front());
    Geom coll = collect(std::move(keep));
    return own(GEOSUnaryUnion_r(ctx_, coll.get()), "union of parts");
}

Geom GeosContext::polygonal_part(const GEOSGeometry* g) const { return part_of_dimension(g, 2); }
Geom GeosContext::lineal_part(const GEOSGeometry* g) const { return part_of_dimension(g, 1); }

}  // namespace zoning
