#include "io/feature_reader.hpp"

#include <zoning/error.hpp>

#include "geom/repair.hpp"
#include "io/ogr_source.hpp"

#include <cpl_error.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <memory>

namespace zoning::io {

FeatureReader::FeatureReader(const GeosContext& ctx, const Crs& source, const Crs& working, BadFeaturePolicy& policy)
    : ctx_(&ctx), to_working_(source, working), policy_(&policy) {}

void FeatureReader::report(Defect kind, const OGRFeature& f, const std::string& where, std::string reason,
                           Geom location) {
    FeatureDefect d;
    d.kind = kind;
    d.feature = &f;
    d.where = &where;
    d.reason = std::move(reason);
    d.location = std::move(location);
    policy_->on_defect(d);
}

namespace {

/// The first coordinate of `g` (any type, nested) that is NaN or infinite, as "x y", or nothing.
std::optional<std::string> non_finite_coordinate(OGRGeometryH g) {
    const int parts = OGR_G_GetGeometryCount(g);
    for (int i = 0; i < parts; ++i) {
        if (auto bad = non_finite_coordinate(OGR_G_GetGeometryRef(g, i))) return bad;
    }
    const int n = OGR_G_GetPointCount(g);
    for (int i = 0; i < n; ++i) {
        const double x = OGR_G_GetX(g, i), y = OGR_G_GetY(g, i);
        if (!std::isfinite(x) || !std::isfinite(y)) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "%g %g", x, y);
            return std::string(buf);
        }
    }
    return std::nullopt;
}

/// True when a ring of a polygon in `g` does not end where it starts.
bool has_unclosed_ring(OGRGeometryH g) {
    const OGRwkbGeometryType t = wkbFlatten(OGR_G_GetGeometryType(g));
    const int parts = OGR_G_GetGeometryCount(g);
    for (int i = 0; i < parts; ++i) {
        OGRGeometryH part = OGR_G_GetGeometryRef(g, i);
        if (t == wkbPolygon) {
            const int n = OGR_G_GetPointCount(part);
            if (n > 0 && (OGR_G_GetX(part, 0) != OGR_G_GetX(part, n - 1) || OGR_G_GetY(part, 0) != OGR_G_GetY(part, n - 1))) {
                return true;
            }
        } else if (has_unclosed_ring(part)) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::optional<FeatureGeometry> FeatureReader::read(const OGRFeature& f, const OGRGeometry* og, const std::string& where) {
    const GeosContext& ctx = *ctx_;
    if (og != nullptr) {
        const OGRwkbGeometryType t = wkbFlatten(og->getGeometryType());
        if (t == wkbTIN || t == wkbTriangle || t == wkbPolyhedralSurface) {
            throw InputError(where + ": a " + OGRGeometryTypeToName(t) +
                             " geometry (a 3-D surface) is not supported: convert it to polygons first, e.g. "
                             "ogr2ogr -nlt MULTIPOLYGON");
        }
    }
    // Before GEOS and MakeValid, which would carry a NaN along or make something of it.
    if (og != nullptr && !og->IsEmpty()) {
        if (auto bad = non_finite_coordinate(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(og)))) {
            report(Defect::bad_coordinates, f, where, "NaN or infinite coordinate (" + *bad + ") in the source");
            return std::nullopt;
        }
    }
    // A ring that does not close (GDAL passes it on, GEOS refuses it): closed here, then repaired
    // and reported as invalid, so that the caller says so.
    std::unique_ptr<OGRGeometry> closed;
    if (og != nullptr && has_unclosed_ring(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(og)))) {
        closed.reset(og->clone());
        closed->closeRings();
        og = closed.get();
    }
    Geom g;
    try {
        g = to_geos(ctx, og);
    } catch (const InputError& e) {
        throw InputError(where + ": " + e.what());  // e.g. a ring of fewer than 4 points
    }
    if (!g || GEOSisEmpty_r(ctx, g.get()) != 0) {
        report(Defect::no_geometry, f, where);
        return std::nullopt;
    }
    try {
        g = to_working_.transform(ctx, g.get());
    } catch (const InputError& e) {
        report(Defect::bad_coordinates, f, where, e.what());
        return std::nullopt;
    }

    // Valid or not, and why: the reason with its location, or both apart when the policy asks.
    bool invalid = false;
    if (policy_->wants_location()) {
        char* reason = nullptr;
        GEOSGeometry* location = nullptr;
        const char valid = GEOSisValidDetail_r(ctx, g.get(), 0, &reason, &location);
        if (valid == 2) throw InternalError(where + ": GEOS isValidDetail failed: " + ctx.last_error());
        Geom loc(location, GeomDeleter{ctx.handle()});
        std::string why = reason != nullptr ? reason : "invalid";
        GEOSFree_r(ctx, reason);
        if (valid == 0) {
            invalid = true;
            report(Defect::invalid, f, where, (closed ? "a ring is not closed: closed it; then " : "") + why,
                   std::move(loc));
        }
    } else {
        const char valid = GEOSisValid_r(ctx, g.get());
        if (valid == 2) throw InternalError("GEOS isValid failed: " + ctx.last_error());
        if (valid == 0) {
            invalid = true;
            char* reason = GEOSisValidReason_r(ctx, g.get());
            std::string why = reason != nullptr ? reason : "invalid";
            GEOSFree_r(ctx, reason);
            report(Defect::invalid, f, where, (closed ? "a ring is not closed: closed it; then " : "") + why);
        }
    }
    if (closed && !invalid) {
        invalid = true;
        report(Defect::invalid, f, where, "a ring is not closed: closed it");
    }
    if (invalid) g = geom::repair(ctx, g.get());
    if (GEOSisEmpty_r(ctx, g.get()) != 0) {
        report(Defect::empty_after_repair, f, where);
        return std::nullopt;
    }
    FeatureGeometry out;
    out.dimension = geometry_dimension(ctx, g.get());
    out.env = ctx.envelope(g.get());
    out.geom = std::move(g);
    out.repaired = invalid;
    return out;
}

namespace {

/// Records the CE_Failure (and CE_Fatal) errors GDAL raises on this thread while it lives; passes
/// warnings and debug messages on to GDAL's default handler, as before. GDAL's handler stack is
/// per thread, so a reader on another thread is not affected.
class CplFailureRecorder {
public:
    CplFailureRecorder() { CPLPushErrorHandlerEx(&CplFailureRecorder::handle, this); }
    ~CplFailureRecorder() { CPLPopErrorHandler(); }
    CplFailureRecorder(const CplFailureRecorder&) = delete;
    CplFailureRecorder& operator=(const CplFailureRecorder&) = delete;

    [[nodiscard]] int failures() const { return failures_; }
    [[nodiscard]] const std::string& first() const { return first_; }

private:
    static void CPL_STDCALL handle(CPLErr cls, CPLErrorNum no, const char* msg) {
        auto* self = static_cast<CplFailureRecorder*>(CPLGetErrorHandlerUserData());
        if (cls >= CE_Failure && self != nullptr) {
            if (self->failures_++ == 0) {
                self->first_ = msg != nullptr ? msg : "";
                while (!self->first_.empty() && (self->first_.back() == '.' || self->first_.back() == ' ' ||
                                                 self->first_.back() == '\n')) {
                    self->first_.pop_back();
                }
            }
            return;
        }
        CPLDefaultErrorHandler(cls, no, msg);
    }
    int failures_ = 0;
    std::string first_;
};

bool is_null_or_empty(const OGRFeature& f) {
    const OGRGeometry* g = f.GetGeometryRef();
    return g == nullptr || g->IsEmpty();
}

}  // namespace

void for_each_feature(OGRLayer& layer, const std::string& label, const std::function<void(OGRFeature&)>& fn) {
    std::int64_t read = 0, no_geometry = 0;
    {
        CplFailureRecorder errors;
        auto fail = [&](const std::string& when) {
            throw InputError(label + ": GDAL failed reading the source " + when + ": " + errors.first() +
                             (errors.failures() > 1 ? " (and " + std::to_string(errors.failures() - 1) + " more error(s))"
                                                    : std::string()) +
                             "; the file is damaged or incomplete (cut short, or its parts do not match)");
        };
        layer.ResetReading();
        if (errors.failures() > 0) fail("before the first feature");
        while (true) {
            OGRFeatureUniquePtr f(layer.GetNextFeature());
            if (errors.failures() > 0) fail(f ? "at fid " + std::to_string(f->GetFID()) : "after " + std::to_string(read) + " feature(s)");
            if (!f) break;
            ++read;
            if (is_null_or_empty(*f)) ++no_geometry;
            fn(*f);
        }
    }
    // What the source declares: only cheap and only without a filter (a filtered count is the
    // count of what passes, which the loop already is).
    const char* attr = layer.GetAttrQueryString();
    const bool filtered = (attr != nullptr && *attr != '\0') || layer.GetSpatialFilter() != nullptr;
    if (!filtered && layer.TestCapability(OLCFastFeatureCount) != 0) {
        const GIntBig declared = layer.GetFeatureCount(FALSE);
        if (declared >= 0 && declared != read) {
            throw InputError(label + ": the source declares " + std::to_string(declared) + " feature(s) but " +
                             std::to_string(read) +
                             " could be read; the file is damaged or incomplete (a cut or mismatched .dbf, .shp "
                             "or .shx?)");
        }
    }
    if (read > 0 && 2 * no_geometry > read) {
        throw InputError(label + ": " + std::to_string(no_geometry) + " of " + std::to_string(read) +
                         " feature(s) have no readable geometry; the source is broken, not empty (a cut or "
                         "damaged .shp, or a bad .shx?)");
    }
}

}  // namespace zoning::io
