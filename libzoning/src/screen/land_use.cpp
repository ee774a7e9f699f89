// The 占用地类 table: footprint ∩ the parcels of a land_use layer, by DLBM, united per code (so a
// parcel digitised twice never counts twice within a class), measured planar and ellipsoidal,
// grouped into first-level classes, with the part of each class in 永久基本农田.
#include "screen/land_use.hpp"

#include <zoning/error.hpp>

#include "catalog/land_use_codes.hpp"

#include <algorithm>
#include <map>

namespace zoning::screen {

namespace {

bool holds(const GeosContext& ctx, char answer, const char* what) {
    if (answer == 2) throw InternalError(std::string("GEOS ") + what + " failed: " + ctx.last_error());
    return answer == 1;
}

/// The pieces of one DLBM code under the footprint.
struct CodeAcc {
    std::string name;  // from the layer's name field (DLMC), first non-empty
    std::vector<Geom> pieces;
};

struct Measured {
    double planar = 0, ellipsoidal = 0, length = 0;
};

}  // namespace

LandUseTable land_use_table(const GeosContext& ctx, const AreaMeter& meter, const ZoneLayer& layer,
                            int measured_dimension, const FootprintResult& r, const GEOSGeometry* farmland) {
    LandUseTable t;
    t.layer = layer.spec().id;
    t.title = layer.spec().title;
    t.farmland_screened = farmland != nullptr;
    const GEOSGeometry* screened = r.geom.get();
    const Envelope env = ctx.envelope(screened);

    std::map<std::string, CodeAcc> by_code;
    for (size_t fi : layer.query(env)) {
        const ZoneFeature& f = layer.features()[fi];
        if (f.dimension != 2 || !f.env.intersects(env)) continue;
        if (!holds(ctx, GEOSIntersects_r(ctx, f.geom.get(), screened), "intersects")) continue;
        Geom inter = ctx.own(GEOSIntersection_r(ctx, f.geom.get(), screened), "intersection");
        Geom piece(nullptr, GeomDeleter{ctx.handle()});
        if (measured_dimension == 2) {
            piece = ctx.polygonal_part(inter.get());
            if (meter.planar(ctx, piece.get()) <= kMinConflictArea) continue;
        } else if (measured_dimension == 1) {
            // The part inside the parcel, without what runs along its boundary (that lies in the
            // neighbour as much as in this parcel; screen.cpp's line_inside does the same).
            piece = ctx.lineal_part(inter.get());
            Geom boundary = ctx.own(GEOSBoundary_r(ctx, f.geom.get()), "boundary");
            if (GEOSisEmpty_r(ctx, piece.get()) == 0 &&
                holds(ctx, GEOSIntersects_r(ctx, piece.get(), boundary.get()), "intersects")) {
                piece = ctx.lineal_part(ctx.own(GEOSDifference_r(ctx, piece.get(), boundary.get()), "difference").get());
            }
            if (meter.length(ctx, piece.get()) <= kMinConflictLength) continue;
        } else {
            piece = std::move(inter);  // a point in (or on the edge of) the parcel
        }
        CodeAcc& acc = by_code[catalog::land_use_second_level(f.cls)];
        if (acc.name.empty()) acc.name = f.name;
        acc.pieces.push_back(std::move(piece));
    }

    auto measure = [&](const GEOSGeometry* g) {
        Measured m;
        if (measured_dimension == 2) {
            m.planar = meter.planar(ctx, g);
            m.ellipsoidal = meter.ellipsoidal(ctx, g);
        } else if (measured_dimension == 1) {
            m.length = meter.length(ctx, g);
        }
        return m;
    };
    auto share_of = [&](const Measured& m) {
        if (measured_dimension == 2) return r.area_m2 > 0 ? m.planar / r.area_m2 : 0.0;
        if (measured_dimension == 1) return r.length_m > 0 ? m.length / r.length_m : 0.0;
        return 1.0;
    };

    std::vector<Geom> code_unions;
    std::map<std::string, LandUseClass> first;
    double sum_planar = 0;
    for (auto& [code, acc] : by_code) {
        Geom u(nullptr, GeomDeleter{ctx.handle()});
        if (acc.pieces.size() == 1) {
            u = std::move(acc.pieces.front());
        } else {
            std::vector<const GEOSGeometry*> raw;
            for (const auto& p : acc.pieces) raw.push_back(p.get());
            u = ctx.union_all(raw);
        }
        const Measured m = measure(u.get());
        LandUseClass c;
        c.code = code;
        const std::string_view known = catalog::land_use_name(code);
        c.name = known.empty() ? acc.name : std::string(known);
        c.area_m2 = m.planar;
        c.area_ellipsoidal_m2 = m.ellipsoidal;
        c.length_m = m.length;
        c.share = share_of(m);
        if (farmland != nullptr && measured_dimension == 2) {
            Geom in = ctx.polygonal_part(ctx.own(GEOSIntersection_r(ctx, u.get(), farmland), "intersection").get());
            const double a = meter.planar(ctx, in.get());
            if (a > kMinConflictArea) {
                c.farmland_m2 = a;
                c.farmland_ellipsoidal_m2 = meter.ellipsoidal(ctx, in.get());
            }
        }
        sum_planar += c.area_m2;
        if (catalog::is_wetland_sandiao(code)) {
            t.wetland_m2 += c.area_m2;
            t.wetland_ellipsoidal_m2 += c.area_ellipsoidal_m2;
        }
        if (catalog::is_urban_rural_industrial(code)) {
            t.urban_rural_m2 += c.area_m2;
            t.urban_rural_ellipsoidal_m2 += c.area_ellipsoidal_m2;
        }
        const std::string fcode = catalog::land_use_first_level(code);
        LandUseClass& fc = first[fcode];
        if (fc.code.empty()) {
            fc.code = fcode;
            fc.name = std::string(catalog::land_use_name(fcode));
        }
        fc.area_m2 += c.area_m2;
        fc.area_ellipsoidal_m2 += c.area_ellipsoidal_m2;
        fc.length_m += c.length_m;
        fc.farmland_m2 += c.farmland_m2;
        fc.farmland_ellipsoidal_m2 += c.farmland_ellipsoidal_m2;
        if (measured_dimension == 0) fc.share = 1;
        fc.classes.push_back(std::move(c));
        code_unions.push_back(std::move(u));
    }
    for (auto& [code, fc] : first) {
        if (measured_dimension != 0) fc.share = share_of({fc.area_m2, fc.area_ellipsoidal_m2, fc.length_m});
        if (code == "01") {
            t.cultivated_m2 = fc.area_m2;
            t.cultivated_ellipsoidal_m2 = fc.area_ellipsoidal_m2;
            t.farmland_on_cultivated_m2 = fc.farmland_m2;
            t.farmland_on_cultivated_ellipsoidal_m2 = fc.farmland_ellipsoidal_m2;
        }
        t.classes.push_back(std::move(fc));
    }
    if (code_unions.empty()) return t;

    // The land the table describes: the union of the classes (equal to their sum when the
    // parcels partition the land, as a land_use layer must; `zoning check` says when not).
    std::vector<const GEOSGeometry*> raw;
    for (const auto& u : code_unions) raw.push_back(u.get());
    Geom covered = raw.size() == 1 ? ctx.clone(raw.front()) : ctx.union_all(raw);
    const Measured m = measure(covered.get());
    t.area_m2 = m.planar;
    t.area_ellipsoidal_m2 = m.ellipsoidal;
    t.length_m = m.length;
    t.share = share_of(m);
    t.overlap_m2 = std::max(0.0, sum_planar - t.area_m2);
    if (t.overlap_m2 <= 1e-6 * std::max(1.0, t.area_m2)) t.overlap_m2 = 0;
    if (farmland != nullptr && measured_dimension == 2) {
        t.farmland_m2 = meter.planar(ctx, farmland);
        t.farmland_ellipsoidal_m2 = meter.ellipsoidal(ctx, farmland);
    }
    return t;
}

std::vector<LandUseTable> land_use_tables(const GeosContext& ctx, const AreaMeter& meter,
                                          const std::vector<const ZoneLayer*>& layers, int measured_dimension,
                                          const FootprintResult& r) {
    std::vector<LandUseTable> out;
    bool any = false;
    bool farmland_layer = false;
    for (const ZoneLayer* l : layers) {
        any = any || is_descriptive(l->spec().kind);
        farmland_layer = farmland_layer || l->spec().kind == LayerKind::permanent_farmland;
    }
    if (!any) return out;
    // Footprint ∩ 永久基本农田: the farmland conflicts' pieces (near entries have none).
    Geom farmland(nullptr, GeomDeleter{ctx.handle()});
    if (farmland_layer && measured_dimension == 2) {
        std::vector<const GEOSGeometry*> pieces;
        for (const Conflict& c : r.conflicts) {
            if (c.kind == LayerKind::permanent_farmland && !c.near_only && c.piece) pieces.push_back(c.piece.get());
        }
        if (pieces.empty()) {
            farmland = ctx.empty_polygon();
        } else {
            farmland = pieces.size() == 1 ? ctx.polygonal_part(pieces.front()) : ctx.polygonal_part(ctx.union_all(pieces).get());
        }
    }
    for (const ZoneLayer* l : layers) {
        if (!is_descriptive(l->spec().kind)) continue;
        LandUseTable t = land_use_table(ctx, meter, *l, measured_dimension, r, farmland.get());
        t.farmland_screened = farmland_layer && measured_dimension == 2;
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace zoning::screen
