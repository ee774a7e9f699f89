#include "io/feature_reader.hpp"

#include <zoning/error.hpp>

#include "geom/repair.hpp"
#include "io/ogr_source.hpp"

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

std::optional<FeatureGeometry> FeatureReader::read(const OGRFeature& f, const OGRGeometry* og, const std::string& where) {
    const GeosContext& ctx = *ctx_;
    Geom g = to_geos(ctx, og);
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
            report(Defect::invalid, f, where, std::move(why), std::move(loc));
        }
    } else {
        const char valid = GEOSisValid_r(ctx, g.get());
        if (valid == 2) throw InternalError("GEOS isValid failed: " + ctx.last_error());
        if (valid == 0) {
            invalid = true;
            char* reason = GEOSisValidReason_r(ctx, g.get());
            std::string why = reason != nullptr ? reason : "invalid";
            GEOSFree_r(ctx, reason);
            report(Defect::invalid, f, where, std::move(why));
        }
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

void for_each_feature(OGRLayer& layer, const std::string& /*label*/, const std::function<void(OGRFeature&)>& fn) {
    layer.ResetReading();
    for (auto& f : layer) fn(*f);
}

}  // namespace zoning::io
