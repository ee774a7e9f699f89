#include "io/field_input.hpp"

#include <zoning/error.hpp>
#include <zoning/formats.hpp>

#include "io/coord_txt_ogr.hpp"
#include "io/feature_reader.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace zoning::io {

namespace {

using PointFn = std::function<void(double&, double&)>;

void apply_to_points(OGRGeometry* g, const PointFn& fn) {
    if (g == nullptr) return;
    switch (wkbFlatten(g->getGeometryType())) {
        case wkbPoint: {
            auto* p = g->toPoint();
            double x = p->getX(), y = p->getY();
            fn(x, y);
            p->setX(x);
            p->setY(y);
            return;
        }
        case wkbLineString:
        case wkbLinearRing:
        case wkbCircularString: {
            auto* c = g->toSimpleCurve();
            for (int i = 0; i < c->getNumPoints(); ++i) {
                double x = c->getX(i), y = c->getY(i);
                fn(x, y);
                c->setPoint(i, x, y);
            }
            return;
        }
        case wkbPolygon:
        case wkbCurvePolygon:
            for (OGRCurve* r : *g->toCurvePolygon()) apply_to_points(r, fn);
            return;
        case wkbCompoundCurve:
            for (OGRCurve* c : *g->toCompoundCurve()) apply_to_points(c, fn);
            return;
        default:
            if (OGR_GT_IsSubClassOf(wkbFlatten(g->getGeometryType()), wkbGeometryCollection)) {
                for (OGRGeometry* part : *g->toGeometryCollection()) apply_to_points(part, fn);
                return;
            }
            throw InputError(std::string("unsupported geometry type ") + g->getGeometryName());
    }
}

std::unique_ptr<OGRLinearRing> as_ring(const OGRLineString& l) {
    auto ring = std::make_unique<OGRLinearRing>();
    ring->addSubLineString(&l);
    return ring;
}

/// DXF: a closed polyline is a polygon. Anything else is returned as is.
std::unique_ptr<OGRGeometry> close_dxf(std::unique_ptr<OGRGeometry> g) {
    const auto t = wkbFlatten(g->getGeometryType());
    auto closed = [](const OGRLineString* l) { return l->getNumPoints() >= 4 && l->get_IsClosed(); };
    if (t == wkbLineString && closed(g->toLineString())) {
        auto poly = std::make_unique<OGRPolygon>();
        poly->addRingDirectly(as_ring(*g->toLineString()).release());
        return poly;
    }
    if (t == wkbMultiLineString) {
        bool all = true;
        for (const OGRLineString* l : *g->toMultiLineString()) all = all && closed(l);
        if (!all) return g;
        auto mp = std::make_unique<OGRMultiPolygon>();
        for (const OGRLineString* l : *g->toMultiLineString()) {
            auto poly = std::make_unique<OGRPolygon>();
            poly->addRingDirectly(as_ring(*l).release());
            mp->addGeometryDirectly(poly.release());
        }
        return mp;
    }
    return g;
}

/// For a GeometryCollection whose parts are of more than one dimension: its parts, e.g.
/// "1 polygon, 1 line and 1 point part(s)"; otherwise "".
std::string mixed_collection(const OGRGeometry& g) {
    if (wkbFlatten(g.getGeometryType()) != wkbGeometryCollection) return {};
    int count[3] = {0, 0, 0};
    std::function<void(const OGRGeometry&)> visit = [&](const OGRGeometry& part) {
        if (wkbFlatten(part.getGeometryType()) == wkbGeometryCollection) {
            for (const OGRGeometry* p : *part.toGeometryCollection()) visit(*p);
        } else if (!part.IsEmpty()) {
            ++count[std::clamp(part.getDimension(), 0, 2)];
        }
    };
    visit(g);
    if ((count[0] > 0 ? 1 : 0) + (count[1] > 0 ? 1 : 0) + (count[2] > 0 ? 1 : 0) < 2) return {};
    std::vector<std::string> kinds;
    const char* names[3] = {"point", "line", "polygon"};
    for (int d = 2; d >= 0; --d) {
        if (count[d] > 0) kinds.push_back(std::to_string(count[d]) + " " + names[d]);
    }
    std::string out;
    for (size_t i = 0; i < kinds.size(); ++i) out += (i == 0 ? "" : i + 1 == kinds.size() ? " and " : ", ") + kinds[i];
    return out + " part(s)";
}

}  // namespace

InputLayer read_input_layer(OgrSource& src, const InputOptions& opts, std::vector<Warning>& warnings) {
    const std::string& label = src.label;
    for (const auto& n : src.notes) warnings.push_back({label, n});
    InputLayer out;
    if (!opts.s_srs.empty()) {
        out.crs = Crs::from_user(opts.s_srs, "--s-srs");
    } else if (src.is_dxf()) {
        throw InputError(label + ": a DXF (CAD) file carries no CRS: give it with --s-srs, e.g. "
                         "--s-srs EPSG:4547 (CGCS2000 GK CM 114E, no zone prefix) or EPSG:4526 (zone 38 with prefix)");
    } else if (auto found = layer_crs(src.layer, label)) {
        out.crs = *found;
    } else if (src.is_coord_txt()) {
        throw InputError(label + ": no CRS: " + src.crs_hint + ": fill the header or give --s-srs, e.g. --s-srs EPSG:4547");
    } else {
        const std::string why = no_crs_reason(src);
        throw InputError(label + ": has no CRS (" + (why.empty() ? "no .prj, no crs member" : why) +
                         "): give it with --s-srs, "
                         "e.g. --s-srs EPSG:4547 (CGCS2000 GK CM 114E) or EPSG:4490 (lon/lat)");
    }

    int text_skipped = 0;
    int closed = 0;
    Envelope box;
    const int line_idx = src.is_coord_txt() ? field_index(src.layer, "行号") : -1;
    const int text_idx = src.is_dxf() ? field_index(src.layer, "Text") : -1;
    for_each_feature(*src.layer, label, [&](OGRFeature& feature) {
        OGRFeature* f = &feature;
        InputFeature in;
        if (line_idx >= 0) {
            in.where = src.dataset->GetDescription() + std::string(":") + std::to_string(f->GetFieldAsInteger(line_idx)) +
                       " plot " + field_text(*f, field_index(src.layer, kTxtId));
        } else {
            in.where = label + " fid " + std::to_string(f->GetFID());
        }
        const OGRGeometry* og = f->GetGeometryRef();
        if (src.is_dxf() && og != nullptr && wkbFlatten(og->getGeometryType()) == wkbPoint && text_idx >= 0 &&
            !field_text(*f, text_idx).empty()) {
            ++text_skipped;  // a TEXT/MTEXT annotation, not a footprint
            return;
        }
        if (og == nullptr || og->IsEmpty()) {
            throw InputError(in.where + ": empty or null geometry: a footprint needs a geometry "
                             "(remove the feature or select others with --where)");
        }
        if (std::string parts = mixed_collection(*og); !parts.empty()) {
            throw InputError(in.where + ": a GeometryCollection of " + parts +
                             ": a footprint is screened as one kind (area, line or point), so a part would be "
                             "dropped; split it into one feature per part (ogr2ogr -explodecollections) and screen those");
        }
        in.geom.reset(og->clone());
        if (src.is_dxf()) {
            const auto before = wkbFlatten(in.geom->getGeometryType());
            in.geom = close_dxf(std::move(in.geom));
            if (wkbFlatten(in.geom->getGeometryType()) != before) ++closed;
        }
        OGREnvelope e;
        in.geom->getEnvelope(&e);
        box.expand(Envelope{e.MinX, e.MinY, e.MaxX, e.MaxY});
        in.feature.reset(f->Clone());
        out.features.push_back(std::move(in));
    });
    if (text_skipped > 0) {
        warnings.push_back({label, std::to_string(text_skipped) + " text entities (annotations) are not footprints: skipped"});
    }
    if (closed > 0) {
        warnings.push_back({label, std::to_string(closed) + " closed polylines read as polygons (open ones stay lines)"});
    }

    const AxisDiagnosis d = diagnose_axes(out.crs, box);
    if (!d.ok()) {
        if (!d.fixable) throw InputError(label + ": " + d.problem + ": " + d.fix);
        if (!opts.fix_axes) throw InputError(label + ": " + d.problem + ": run with --fix-axes to " + d.fix);
        warnings.push_back({label, d.problem + ": fixed (--fix-axes): " + d.fix});
        if (d.use_crs) out.crs = *d.use_crs;
    }
    if (opts.from_gcj02 && !out.crs.geographic) {
        throw InputError(label + ": --from-gcj02 applies to lon/lat sources (奥维 KML), but " + out.crs.label() +
                         " is projected");
    }
    if (opts.from_gcj02) {
        warnings.push_back({label, "GCJ-02 offset removed (--from-gcj02): coordinates taken as WGS84/CGCS2000"});
    }
    if (d.swap || d.add_to_x != 0 || opts.from_gcj02) {
        const bool swap = d.swap;
        const double add = d.add_to_x;
        const bool gcj = opts.from_gcj02;
        const PointFn fn = [swap, add, gcj](double& x, double& y) {
            if (swap) std::swap(x, y);
            x += add;
            if (gcj) {
                const auto [lon, lat] = gcj02_to_wgs84(x, y);
                x = lon;
                y = lat;
            }
        };
        for (auto& in : out.features) {
            try {
                apply_to_points(in.geom.get(), fn);
            } catch (const InputError& e) {
                throw InputError(in.where + ": " + e.what());
            }
        }
    }
    return out;
}

}  // namespace zoning::io
