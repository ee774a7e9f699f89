#include <zoning/crs.hpp>
#include <zoning/error.hpp>

#include <proj.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace zoning {

namespace {

struct CtxDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, CtxDeleter>;

struct PjDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

ContextPtr make_context() {
    PJ_CONTEXT* c = proj_context_create();
    if (c == nullptr) throw InternalError("PROJ: could not create a context");
    proj_log_level(c, PJ_LOG_NONE);
    return ContextPtr(c);
}

std::string last_proj_error(PJ_CONTEXT* c) {
    const int e = proj_context_errno(c);
    const char* s = e != 0 ? proj_context_errno_string(c, e) : nullptr;
    return s != nullptr ? s : "unknown reason";
}

PjPtr create_crs(PJ_CONTEXT* c, const std::string& wkt_or_def) {
    return PjPtr(proj_create(c, wkt_or_def.c_str()));
}

/// Why PROJ could not read `text`, in words: its error number alone is often "Unknown error
/// (code 4096)", so its last logged message is kept too.
std::string unreadable_crs(const std::string& text, PJ_CONTEXT* c, const std::string& logged) {
    std::string why = logged;
    if (why.rfind("proj_create: ", 0) == 0) why = why.substr(13);
    // "Error 1027 (Invalid value for an argument): Unknown projection": keep the last part.
    if (const auto paren = why.find("): "); why.rfind("Error ", 0) == 0 && paren != std::string::npos) {
        why = why.substr(paren + 3);
    }
    const bool unknown_code = why == "crs not found";
    const auto colon = text.find(':');
    if (unknown_code && colon != std::string::npos) {
        why = text.substr(0, colon) + " has no CRS with code " + text.substr(colon + 1);
    } else if (why.empty()) {
        why = proj_context_errno(c) != 0 ? last_proj_error(c) : "not a CRS definition";
    }
    return "cannot read CRS '" + text + "': " + why +
           "; give an EPSG code (e.g. EPSG:4547 CGCS2000 GK CM 114E, EPSG:4526 zone 38 with prefix, "
           "EPSG:4490 lon/lat), a WKT or a PROJ string";
}

void keep_last_message(void* user, int /*level*/, const char* message) {
    if (message != nullptr) *static_cast<std::string*>(user) = message;
}

}  // namespace

Crs Crs::from_user(const std::string& text, const std::string& what) {
    if (text.empty()) throw InputError(what + ": empty CRS definition");
    ContextPtr ctx = make_context();
    std::string logged;
    proj_log_func(ctx.get(), &logged, keep_last_message);
    proj_log_level(ctx.get(), PJ_LOG_ERROR);
    PjPtr pj = create_crs(ctx.get(), text);
    if (!pj) throw InputError(what + ": " + unreadable_crs(text, ctx.get(), logged));
    proj_log_level(ctx.get(), PJ_LOG_NONE);
    // A bound CRS (e.g. with +towgs84) wraps the real one.
    if (proj_get_type(pj.get()) == PJ_TYPE_BOUND_CRS) {
        PjPtr base(proj_get_source_crs(ctx.get(), pj.get()));
        if (base) pj = std::move(base);
    }
    const PJ_TYPE type = proj_get_type(pj.get());
    const bool is_crs = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
                        type == PJ_TYPE_PROJECTED_CRS || type == PJ_TYPE_COMPOUND_CRS ||
                        type == PJ_TYPE_GEODETIC_CRS;
    if (!is_crs) throw InputError(what + ": '" + text + "' is not a horizontal CRS");

    Crs crs;
    crs.definition = text;
    const char* wkt = proj_as_wkt(ctx.get(), pj.get(), PJ_WKT2_2019, nullptr);
    crs.wkt = wkt != nullptr ? wkt : text;
    const char* name = proj_get_name(pj.get());
    crs.name = name != nullptr ? name : "";
    crs.geographic = type == PJ_TYPE_GEOGRAPHIC_2D_CRS || type == PJ_TYPE_GEOGRAPHIC_3D_CRS;

    const char* auth = proj_get_id_auth_name(pj.get(), 0);
    const char* code = proj_get_id_code(pj.get(), 0);
    if (auth != nullptr && code != nullptr && std::strcmp(auth, "EPSG") == 0) {
        crs.epsg = std::atoi(code);
    } else {
        // WKT from a .prj often has no ID: ask PROJ to identify it (confidence 100 only).
        int* confidence = nullptr;
        PJ_OBJ_LIST* list = proj_identify(ctx.get(), pj.get(), "EPSG", nullptr, &confidence);
        if (list != nullptr) {
            if (proj_list_get_count(list) > 0 && confidence != nullptr && confidence[0] >= 90) {
                PjPtr best(proj_list_get(ctx.get(), list, 0));
                const char* c2 = best ? proj_get_id_code(best.get(), 0) : nullptr;
                if (c2 != nullptr) crs.epsg = std::atoi(c2);
            }
            proj_list_destroy(list);
        }
        proj_int_list_destroy(confidence);
    }

    PjPtr ell(proj_get_ellipsoid(ctx.get(), pj.get()));
    if (!ell) throw InputError(what + ": CRS '" + text + "' has no ellipsoid");
    double a = 0, b = 0, inv_f = 0;
    int computed = 0;
    proj_ellipsoid_get_parameters(ctx.get(), ell.get(), &a, &b, &computed, &inv_f);
    crs.semi_major = a;
    crs.inv_flattening = inv_f;
    return crs;
}

std::string Crs::label() const {
    if (epsg) return "EPSG:" + std::to_string(*epsg);
    return name.empty() ? definition : name;
}

bool Crs::same_as(const Crs& o) const {
    if (epsg && o.epsg) return *epsg == *o.epsg;
    return wkt == o.wkt;
}

int cgcs2000_gk3_epsg_for_lon(double lon) {
    if (!(lon >= 73.5 && lon < 136.5)) {
        throw InputError("longitude " + std::to_string(lon) +
                         " is outside China's CGCS2000 3-degree zones (75..135 E): give the "
                         "working CRS with crs:");
    }
    const int cm = 3 * static_cast<int>(std::lround(lon / 3.0));
    return 4534 + (cm - 75) / 3;
}

Crs geographic_of(const Crs& crs) {
    if (crs.geographic) return crs;
    ContextPtr ctx = make_context();
    PjPtr pj = create_crs(ctx.get(), crs.wkt);
    if (!pj) throw InternalError("PROJ: cannot re-read CRS " + crs.label());
    PjPtr geo(proj_crs_get_geodetic_crs(ctx.get(), pj.get()));
    if (!geo) throw InputError("CRS " + crs.label() + " has no geodetic base CRS");
    const char* wkt = proj_as_wkt(ctx.get(), geo.get(), PJ_WKT2_2019, nullptr);
    return Crs::from_user(wkt != nullptr ? wkt : "", "geographic CRS of " + crs.label());
}

// ---------------------------------------------------------------------------------------------

struct Transformer::Impl {
    ContextPtr ctx;
    PjPtr op;
};

Transformer::Transformer(const Crs& from, const Crs& to)
    : impl_(std::make_unique<Impl>()), from_(from), to_(to) {
    noop_ = from.same_as(to);
    if (noop_) return;
    impl_->ctx = make_context();
    PJ_CONTEXT* c = impl_->ctx.get();
    PjPtr src = create_crs(c, from.wkt);
    PjPtr dst = create_crs(c, to.wkt);
    if (!src || !dst) throw InternalError("PROJ: cannot re-read CRS " + from.label() + " or " + to.label());
    // One operation, not a candidate list compared per point (OSGeo/PROJ#4391).
    PJ_OPERATION_FACTORY_CONTEXT* fctx = proj_create_operation_factory_context(c, nullptr);
    proj_operation_factory_context_set_grid_availability_use(
        c, fctx, PROJ_GRID_AVAILABILITY_DISCARD_OPERATION_IF_MISSING_GRID);
    proj_operation_factory_context_set_spatial_criterion(
        c, fctx, PROJ_SPATIAL_CRITERION_PARTIAL_INTERSECTION);
    PJ_OBJ_LIST* ops = proj_create_operations(c, src.get(), dst.get(), fctx);
    proj_operation_factory_context_destroy(fctx);
    PjPtr op;
    if (ops != nullptr) {
        if (proj_list_get_count(ops) > 0) op.reset(proj_list_get(c, ops, 0));
        proj_list_destroy(ops);
    }
    if (!op) {
        throw InputError("no coordinate operation from " + from.label() + " to " + to.label() +
                         ": " + last_proj_error(c));
    }
    PjPtr norm(proj_normalize_for_visualization(c, op.get()));
    if (!norm) throw InternalError("PROJ: cannot normalise axis order: " + last_proj_error(c));
    impl_->op = std::move(norm);
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

void Transformer::transform(double* x, double* y, size_t n) const {
    if (noop_ || n == 0) return;
    PJ_CONTEXT* c = impl_->ctx.get();
    proj_errno_reset(impl_->op.get());
    const size_t done = proj_trans_generic(impl_->op.get(), PJ_FWD, x, sizeof(double), n, y,
                                           sizeof(double), n, nullptr, 0, 0, nullptr, 0, 0);
    if (done != n) throw InputError("PROJ transformed " + std::to_string(done) + " of " + std::to_string(n) + " points");
    for (size_t i = 0; i < n; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || x[i] == HUGE_VAL) {
            throw InputError("coordinate cannot be transformed from " + from_.label() + " to " +
                             to_.label() + " (" + last_proj_error(c) + "): the point lies outside "
                             "the valid area of the CRS, or the CRS is wrong");
        }
    }
}

void Transformer::transform(std::vector<double>& x, std::vector<double>& y) const {
    if (x.size() != y.size()) throw InternalError("transform: x and y differ in size");
    transform(x.data(), y.data(), x.size());
}

namespace {

Geom transform_seq_geom(const GeosContext& ctx, const Transformer& t, const GEOSGeometry* g);

GEOSCoordSequence* transform_seq(const GeosContext& ctx, const Transformer& t,
                                 const GEOSCoordSequence* seq) {
    GEOSContextHandle_t h = ctx.handle();
    unsigned int n = 0;
    GEOSCoordSeq_getSize_r(h, seq, &n);
    std::vector<double> x(n), y(n);
    for (unsigned i = 0; i < n; ++i) {
        GEOSCoordSeq_getXY_r(h, seq, i, &x[i], &y[i]);
    }
    t.transform(x, y);
    return GEOSCoordSeq_copyFromArrays_r(h, x.data(), y.data(), nullptr, nullptr, n);
}

Geom transform_ring_geom(const GeosContext& ctx, const Transformer& t, const GEOSGeometry* ring) {
    GEOSContextHandle_t h = ctx.handle();
    GEOSCoordSequence* s = transform_seq(ctx, t, GEOSGeom_getCoordSeq_r(h, ring));
    return ctx.own(GEOSGeom_createLinearRing_r(h, s), "linear ring");
}

Geom transform_seq_geom(const GeosContext& ctx, const Transformer& t, const GEOSGeometry* g) {
    GEOSContextHandle_t h = ctx.handle();
    if (GEOSisEmpty_r(h, g) != 0) return ctx.clone(g);
    switch (GEOSGeomTypeId_r(h, g)) {
        case GEOS_POINT:
            return ctx.own(GEOSGeom_createPoint_r(h, transform_seq(ctx, t, GEOSGeom_getCoordSeq_r(h, g))), "point");
        case GEOS_LINESTRING:
            return ctx.own(GEOSGeom_createLineString_r(h, transform_seq(ctx, t, GEOSGeom_getCoordSeq_r(h, g))), "line");
        case GEOS_LINEARRING:
            return transform_ring_geom(ctx, t, g);
        case GEOS_POLYGON: {
            Geom shell = transform_ring_geom(ctx, t, GEOSGetExteriorRing_r(h, g));
            const int nh = GEOSGetNumInteriorRings_r(h, g);
            std::vector<Geom> holes;
            for (int i = 0; i < nh; ++i) holes.push_back(transform_ring_geom(ctx, t, GEOSGetInteriorRingN_r(h, g, i)));
            std::vector<GEOSGeometry*> raw;
            for (auto& r : holes) raw.push_back(r.release());
            return ctx.own(GEOSGeom_createPolygon_r(h, shell.release(), raw.data(), static_cast<unsigned>(raw.size())), "polygon");
        }
        default: {
            const int type = GEOSGeomTypeId_r(h, g);
            const int n = GEOSGetNumGeometries_r(h, g);
            std::vector<Geom> parts;
            for (int i = 0; i < n; ++i) parts.push_back(transform_seq_geom(ctx, t, GEOSGetGeometryN_r(h, g, i)));
            std::vector<GEOSGeometry*> raw;
            for (auto& p : parts) raw.push_back(p.release());
            GEOSGeometry* c = GEOSGeom_createCollection_r(h, type, raw.data(), static_cast<unsigned>(raw.size()));
            if (c == nullptr) for (auto* r : raw) GEOSGeom_destroy_r(h, r);
            return ctx.own(c, "collection");
        }
    }
}

}  // namespace

Geom Transformer::transform(const GeosContext& ctx, const GEOSGeometry* g) const {
    if (noop_) return ctx.clone(g);
    return transform_seq_geom(ctx, *this, g);
}

}  // namespace zoning
